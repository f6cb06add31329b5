import { describe, expect, it } from "vitest";
import { list, PRINT_WIDTH, union } from "../../generator/render/layout.js";

describe("emitter line layout (no formatter runs over the output)", () => {
  it("keeps a list on one line when it fits, and breaks it one item per line when not", () => {
    expect(list(2, "f(", ["a: A", "...rest: B"], "): C;", false)).toBe("f(a: A, ...rest: B): C;");
    const long = ["x".repeat(60), "...rest: " + "y".repeat(60)];
    expect(list(2, "f(", long, "): C;", false)).toBe(`f(\n    ${long[0]},\n    ${long[1]}\n  ): C;`);
  });

  it("puts a trailing comma after the last item only where the syntax allows one", () => {
    const items = ["a".repeat(70), "b".repeat(70)];
    expect(list(0, "[", items, "]")).toBe(`[\n  ${items[0]},\n  ${items[1]},\n]`);
    expect(list(0, "T<", items, ">", false).endsWith(`${items[1]}\n>`)).toBe(true);
  });

  it("breaks a long union into leading bars, closing a type argument on its own line", () => {
    expect(union(0, "type E = ", ["A", "B"], ";")).toBe("type E = A | B;");
    const members = Array.from({ length: 12 }, (_, i) => `T.ErrorResponse${i}`);
    expect(union(0, "type E = ", members, ";")).toBe(`type E =\n${members.map((m) => `  | ${m}`).join("\n")};`);
    expect(union(0, "type E = ApiError<", members, ">;")).toBe(`type E = ApiError<\n${members.map((m) => `  | ${m}`).join("\n")}\n>;`);
    for (const line of union(0, "type E = ", members, ";").split("\n")) expect(line.length).toBeLessThanOrEqual(PRINT_WIDTH);
  });
});
