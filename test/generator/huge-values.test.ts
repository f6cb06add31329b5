import { describe, expect, it } from "vitest";
import { usesPrototypeNames } from "../../generator/schema/compile.js";
import { hoistRepeatedSubschemas } from "../../generator/schema/hoist.js";
import type { SchemaRegistry } from "../../generator/schema/registry.js";
import { walkEntries } from "../../generator/schema/walk.js";

// A spec may hold an enum of hundreds of thousands of values within the input limits (a 300,000-value
// enum is 3 MB of JSON): walking it must not spread it into one call's arguments, which overflows the stack
// ("Maximum call stack size exceeded" was all `generate` said of such a spec).
const values = Array.from({ length: 300_000 }, (_, i) => `v${i}`);

describe("schemas holding very long arrays", () => {
  it("are walked without overflowing the call stack", () => {
    const schema = { type: "object", properties: { code: { type: "string", enum: values }, constructor: { type: "string" } } };
    let seen = 0;
    walkEntries([schema], () => seen++);
    expect(seen).toBeGreaterThan(3);
    const registry = { resources: [schema], validators: [] } as unknown as SchemaRegistry;
    expect(usesPrototypeNames(registry)).toBe(true);
    const roots = ["#/a", "#/b"].map((pointer) => ({ schema: { properties: { code: { type: "string", enum: values } } }, pointer }));
    expect(hoistRepeatedSubschemas(roots, (key) => key).hoisted).toHaveLength(1);
  });
});
