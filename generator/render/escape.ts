/**
 * The one place where text from a spec becomes part of generated code. Spec text is data: every
 * title, summary, description, operationId, name, path and the spec's own file name reaches output
 * through exactly one of these functions, chosen by the context it is printed in.
 * Templates are compiled with `noEscape` and receive only values already passed through here.
 */

/** JavaScript line terminators, plus the other C0/C1 control characters that have no place in a comment. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `\n` → `\\n`, U+2028 → `\\u2028`: a visible, inert spelling of a control character. */
function visibleEscape(ch: string): string {
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  if (ch === "\t") return "\\t";
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Text for one line inside a `/** … *\/` block comment: `*\/` cannot close the comment, and every
 * run of whitespace or line terminators becomes one space so the text stays on its line.
 */
export function escapeDocComment(text: string): string {
  return text
    .replace(/[\s\u2028\u2029]+/g, " ")
    .replace(CONTROL, visibleEscape)
    .replace(/\*\//g, "*\\/")
    .trim();
}

/** Text for a `//` line comment: no character can end the line (line terminators are spelled out). */
export function escapeLineComment(text: string): string {
  return text.replace(CONTROL, visibleEscape);
}

/**
 * A JavaScript/TypeScript string literal (double-quoted) for any string, or a literal for any JSON
 * value (code, not JSON: a `__proto__` key is printed computed so it stays data). U+2028 and U+2029
 * are escaped too, so the literal is safe for every JS parser.
 */
export function stringLiteral(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  if (json === undefined) return "undefined";
  return json
    .replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`)
    // In an object literal `"__proto__": v` sets the prototype; the computed form defines a property.
    .replace(/([{,]\s*)"__proto__":/g, '$1["__proto__"]:');
}

/** An object literal key for any name (`["__proto__"]` stays an own property). */
export function propertyKey(name: string): string {
  return name === "__proto__" ? `["__proto__"]` : stringLiteral(name);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * Make any text a valid identifier by characters only: invalid characters become `_`, a leading
 * digit gets a `_` prefix, empty text becomes `_`. (Collisions with reserved words and globals are
 * the name planners' concern: generator/model/type-names.ts, generator/emit/client-names.ts.)
 */
export function sanitizeIdentifier(raw: string): string {
  const replaced = raw.replace(/[^A-Za-z0-9_$]/g, "_");
  if (replaced === "") return "_";
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

/**
 * An identifier that is about to be spliced into code: answered unchanged when valid, otherwise an
 * internal error (a name planner let something through). Never print a name without this or
 * sanitizeIdentifier.
 */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`internal error: ${stringLiteral(name)} is not a valid identifier`);
  return name;
}

/** ECMAScript and TypeScript reserved words (strict mode): valid identifier characters, yet not a binding name. */
const RESERVED_WORDS = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with implements interface " +
    "let package private protected public static yield await arguments eval").split(" "),
);

export function isReservedWord(name: string): boolean {
  return RESERVED_WORDS.has(name);
}
