import { describe, expect, it } from "vitest";
import { escapeDocComment, escapeLineComment, identifier, isIdentifier, sanitizeIdentifier, stringLiteral } from "../../generator/render/escape.js";

describe("escaping per context", () => {
  it("a doc comment cannot be closed and stays on one line", () => {
    const text = escapeDocComment("a */ b\nc\u2028d\r\ne");
    expect(text).not.toContain("*/");
    expect(text).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(text).toBe("a *\\/ b c d e");
  });

  it("a line comment cannot be ended", () => {
    expect(escapeLineComment("spec\nx\u2028y\u0000.yaml")).toBe("spec\\nx\\u2028y\\u0000.yaml");
  });

  it("string literals evaluate back to the same text, U+2028/2029 escaped", () => {
    const value = "\"`${x}`\\\n\u2028\u2029'";
    const literal = stringLiteral(value);
    expect(literal).not.toMatch(/[\u2028\u2029\n]/);
    expect(JSON.parse(literal)).toBe(value);
  });

  it("identifiers are validated, and sanitised by characters only", () => {
    expect(isIdentifier("$ok_1")).toBe(true);
    expect(isIdentifier("1x")).toBe(false);
    expect(sanitizeIdentifier("a-b c")).toBe("a_b_c");
    expect(sanitizeIdentifier("9lives")).toBe("_9lives");
    expect(sanitizeIdentifier("")).toBe("_");
    expect(sanitizeIdentifier("x*/;y")).toBe("x___y");
    expect(() => identifier("a;b")).toThrow(/not a valid identifier/);
    expect(identifier("Good")).toBe("Good");
  });
});
