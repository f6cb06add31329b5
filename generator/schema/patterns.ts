/**
 * ajv compiles `pattern` as `new RegExp(pattern, "u")`. Patterns written for other engines
 * (PCRE's `\Z`, `(?i)`, possessive quantifiers…) do not compile there: such a pattern is left out
 * of its validator (the rest of the schema still applies) and reported as SC009.
 * Answers why the pattern does not compile, or undefined when it does.
 */
export function compilesAsUnicode(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
