/**
 * ajv's standalone code keeps, for every function, its whole schema as a constant (`const schema3 =
 * {…};`, descriptions and all), though the code reads only a few values from it: the `enum` and `type`
 * arrays its errors report (`params: {allowedValues: schema3.properties.status.enum}`). On Stripe's
 * description those constants were 1.2 MB of the 7.5 MB response module and a third of its load time.
 *
 * This pass keeps, of each constant, only the values the module's code reads. A reference it cannot
 * follow to a value (the bare name, a computed member) keeps the whole constant, or the whole value
 * where the path stops, so nothing the code reads is ever left out.
 */

const DECLARATION = /^const (schema\d+) = (.*);$/gm;
// `schemaN` then `.name`, `["key"]` or `[0]` members, as ajv prints them (codegen's getProperty).
// Not after a character that puts it in a string or a member name of something else.
const REFERENCE = /(?<![\w$.'"/\\])(schema\d+)((?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\\n]|\\.)*")\])*)/g;
const MEMBER = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\\n]|\\.)*")\]/g;

type Path = (string | number)[];

export function pruneSchemaConstants(code: string): string {
  const declared = new Map<string, string>();
  for (const m of code.matchAll(DECLARATION)) declared.set(m[1]!, m[2]!);
  if (declared.size === 0) return code;
  // the declarations themselves are not reads
  const pruned = prunedConstants(declared, [code.replace(DECLARATION, "")]);
  return code.replace(DECLARATION, (line, name: string) => {
    const value = pruned.get(name);
    return value === undefined ? line : `const ${name} = ${value};`;
  });
}

/**
 * `constants`: schema constant name → its JSON as ajv prints it; `code`: every piece of code that may read
 * them (not their declarations). Answers the cut JSON of each constant, or undefined where it stays whole.
 */
export function prunedConstants(constants: ReadonlyMap<string, string>, code: readonly string[]): Map<string, string | undefined> {
  const paths = new Map<string, Path[] | "whole">();
  for (const piece of code) {
    for (const m of piece.matchAll(REFERENCE)) {
      const name = m[1]!;
      if (!constants.has(name) || paths.get(name) === "whole") continue;
      const path = parsePath(m[2]!);
      if (path.length === 0) paths.set(name, "whole");
      else {
        const list = (paths.get(name) as Path[] | undefined) ?? [];
        list.push(path);
        paths.set(name, list);
      }
    }
  }
  const out = new Map<string, string | undefined>();
  for (const [name, json] of constants) {
    const read = paths.get(name);
    out.set(name, read === "whole" ? undefined : stringify(pick(JSON.parse(json) as unknown, read ?? [])));
  }
  return out;
}

function parsePath(members: string): Path {
  const path: Path = [];
  for (const m of members.matchAll(MEMBER)) path.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
  return path;
}

/** A copy of `schema` with only the values at `paths` (each whole), in a stable order. */
function pick(schema: unknown, paths: readonly Path[]): unknown {
  const keyOf = (p: Path): string => JSON.stringify(p);
  const sorted = [...new Map(paths.map((p) => [keyOf(p), p] as const)).values()].sort((a, b) => a.length - b.length || (keyOf(a) < keyOf(b) ? -1 : 1));
  const root: unknown = Array.isArray(schema) ? [] : {};
  for (const path of sorted) {
    let source = schema;
    let target = root as Record<string | number, unknown>;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      if (source === null || typeof source !== "object" || !Object.hasOwn(source, key)) break;
      const value = (source as Record<string | number, unknown>)[key];
      const existing = target[key];
      // already kept whole, by a shorter path
      if (existing !== undefined && existing === value) break;
      if (i === path.length - 1 || value === null || typeof value !== "object") {
        target[key] = value;
        break;
      }
      if (existing === undefined) target[key] = Array.isArray(value) ? [] : {};
      target = target[key] as Record<string | number, unknown>;
      source = value;
    }
  }
  return root;
}

/** As ajv prints a constant (JSON, with the two line terminators JavaScript strings may not hold escaped). */
function stringify(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
