import { describe, expect, it } from "vitest";
import { findInexpressibleCycles } from "../../generator/check/cycles.js";

const doc = (schemas: Record<string, unknown>) => ({ components: { schemas } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("findInexpressibleCycles", () => {
  it.each([
    ["a schema that is its own alias", doc({ A: ref("A") }), 1],
    ["two aliases of each other", doc({ A: ref("B"), B: ref("A") }), 1],
    ["a union that contains itself", doc({ A: { anyOf: [{ type: "string" }, ref("A")] } }), 1],
    ["allOf through another schema", doc({ A: { allOf: [ref("B")] }, B: { oneOf: [ref("A")] } }), 1],
    ["recursion through a property is fine", doc({ Node: { type: "object", properties: { next: ref("Node") } } }), 0],
    ["recursion through array items is fine", doc({ Tree: { type: "array", items: ref("Tree") } }), 0],
    ["a union of a property-recursive schema is fine", doc({ A: { anyOf: [ref("B")] }, B: { type: "object", properties: { a: ref("A") } } }), 0],
  ])("%s", (_name, root, count) => {
    expect(findInexpressibleCycles(root)).toHaveLength(count);
  });
});
