/** One diagnostic type for every stage; printed as `file:line:col severity CODE pointer: message`. */
export type Severity = "error" | "warning";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** JSON pointer into the document, starting with `#`. */
  pointer: string;
  file: string;
  line: number;
  column: number;
}

/** Every code the generator can emit. The README lists them; a test keeps both in step. */
export const DIAGNOSTIC_CODES = {
  SC001: "The document is not well-formed YAML or JSON, or breaks an input limit (size, nesting depth, YAML alias expansion, UTF-8, duplicate keys).",
  SC002: "The document is not an OpenAPI 3.0.x or 3.1.x document, or its shape is wrong (`paths` not an object, a path without a leading `/`, an operation that is not an object).",
  SC003: "A `$ref` cannot be resolved (missing target, file, `$id` or `$anchor`) or is refused (outside the spec's folder, not a regular file, larger than the size cap).",
  SC004: "A `$ref` cycle the output cannot express (a schema that is only an alias of itself).",
  SC005: "Two operations share an operationId.",
  SC006: "A documented example does not match its schema; it is listed as not replayed.",
  SC007: "A schema uses a `format` with no known validator; it validates as its type (--allow-format silences this).",
  SC008: "A lint rule from the spec's redocly.yaml reports a problem.",
  SC009: "A schema or pattern cannot be compiled into a validator; it is left out of that validator.",
  SC010: "An operation has no operationId; one is derived from its method and path.",
  SC011: "A schema uses a keyword no validator knows; it is ignored.",
  SC012: "A link points at an operationId that does not exist.",
  SC013: "A request example has no response example of the same name, so it cannot be replayed.",
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.pointer}: ${d.message}`;
}

/**
 * The same diagnostic reached from several places (a component example every operation using it
 * checks) once, at its first position, with ` (reached from N places)` on its message.
 */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, { first: Diagnostic; count: number }>();
  for (const d of diagnostics) {
    const key = formatDiagnostic(d);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { first: d, count: 1 });
  }
  return [...counts.values()].map(({ first, count }) => (count === 1 ? first : { ...first, message: `${first.message} (reached from ${count} places)` }));
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sort by file, line, column, code so output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
