/**
 * Identifier rules shared by every emitter, so types, validators, server and client agree.
 *
 * Rename rule (README "Names"): a name that is a JavaScript/TypeScript reserved word or one of the
 * global names below gets `Schema` appended (`Record` → `RecordSchema`); a name another emitted
 * identifier already holds gets a number, from 2 (`Pet`, `Pet2`). Names are claimed in a fixed order
 * (schemas, then operations by path and method), so a rename never depends on input order.
 */

/** Reserved words of JavaScript and TypeScript (strict mode, type positions included). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
  "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
  "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "async",
  "any", "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint", "undefined", "type",
  "as", "is", "keyof", "readonly", "declare", "namespace", "module", "infer", "satisfies", "arguments", "eval",
]);

/**
 * Global names the output uses (openapi-typescript prints `Record`, the aliases `NonNullable`, ajv's
 * standalone code `Object`, `Array`, `Math`…) or that users import beside it (`Response`, `Request`…).
 */
export const GLOBAL_NAMES: ReadonlySet<string> = new Set([
  "Record", "Partial", "Required", "Readonly", "Pick", "Omit", "Exclude", "Extract", "NonNullable", "ReturnType",
  "Parameters", "InstanceType", "Awaited", "Uppercase", "Lowercase", "Capitalize", "Uncapitalize", "ThisType",
  "Array", "ReadonlyArray", "Date", "Error", "TypeError", "RangeError", "SyntaxError", "Promise", "PromiseLike",
  "Response", "Request", "Headers", "Blob", "File", "Map", "Set", "WeakMap", "WeakSet", "Object", "String",
  "Number", "Boolean", "Symbol", "BigInt", "JSON", "Math", "URL", "URLSearchParams", "FormData", "ReadableStream",
  "RegExp", "Function", "Buffer", "ArrayBuffer", "Uint8Array", "Iterable", "AsyncIterable", "Infinity", "NaN",
  "AbortSignal", "AbortController", "TextEncoder", "TextDecoder", "Intl", "Reflect", "Proxy", "Atomics",
]);

/** What every generated types.ts already declares (openapi-typescript) and the runtime exports beside it. */
const EMITTED = ["components", "paths", "operations", "webhooks", "$defs", "Api", "Client", "ApiError"];

export function toPascalCase(raw: string): string {
  const words = raw
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  if (joined === "") return "X";
  return /^[0-9]/.test(joined) ? `X${joined}` : joined;
}

export function toCamelCase(raw: string): string {
  const pascal = toPascalCase(raw);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** The rename rule's first step: a reserved word or global gets `Schema` appended. */
export function avoidGlobals(name: string): string {
  return RESERVED_WORDS.has(name) || GLOBAL_NAMES.has(name) ? `${name}Schema` : name;
}

/**
 * Hand out identifiers of one output file: a reserved word or global gets `Schema` appended, then the
 * first taker gets the name, later ones a numeric suffix. `fixed` lists what the file declares itself.
 */
export class NameRegistry {
  private readonly taken: Set<string>;

  constructor(fixed: Iterable<string> = []) {
    this.taken = new Set([...EMITTED, ...fixed]);
  }

  claim(wanted: string): string {
    const base = avoidGlobals(wanted);
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
    this.taken.add(name);
    return name;
  }
}

/** Synthesised operationId for operations that have none: `get /v1/items/{id}` → `getV1ItemsId`. */
export function deriveOperationId(method: string, path: string): string {
  return toCamelCase(`${method} ${path.replace(/[{}]/g, "")}`);
}

/** `application/json` → ``, `application/x-www-form-urlencoded` → `Form`, others by their words (a type-name suffix). */
export function mediaSuffix(mediaType: string): string {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  if (base === "application/json" || base === "*/*") return "";
  if (base === "application/x-www-form-urlencoded") return "Form";
  if (base === "multipart/form-data") return "Multipart";
  return toPascalCase(base);
}
