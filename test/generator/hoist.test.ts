import type { ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { buildApi } from "../../generator/model/build-api.js";
import { planTypeNames } from "../../generator/model/type-names.js";
import { compileModule, emitStandalone } from "../../generator/schema/compile.js";
import { hoistRepeatedSubschemas } from "../../generator/schema/hoist.js";
import { buildSchemaRegistry, schemaId, type SchemaRegistry } from "../../generator/schema/registry.js";

/** The same address shape in two form bodies (told apart only by their descriptions) and in a response. */
const address = (description: string) => ({
  type: "object",
  description,
  required: ["line1"],
  properties: {
    line1: { type: "string", maxLength: 200, description },
    postal_code: { type: "string", maxLength: 12 },
    country: { type: "string", enum: ["DE", "FR", "US"] },
    floor: { type: "integer", minimum: 0 },
  },
  additionalProperties: false,
});
/** Stripe's "emptyable" shape: a list, or "" to clear it (a form sends `discounts=`). */
const discounts = {
  anyOf: [
    { type: "array", items: { type: "object", properties: { coupon: { type: "string", maxLength: 5000 }, discount: { type: "string", maxLength: 5000 } } } },
    { type: "string", enum: [""] },
  ],
};
const form = (description: string) => ({
  required: true,
  content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties: { name: { type: "string" }, address: address(description), discounts } } } },
});
const DOC = {
  openapi: "3.1.0",
  info: { title: "Shops", version: "1" },
  paths: {
    "/shops": {
      post: {
        operationId: "createShop",
        requestBody: form("Where the shop is."),
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { address: address("Where.") } } } } } },
      },
    },
    "/warehouses": { post: { operationId: "createWarehouse", requestBody: form("Where the goods are."), responses: { "204": { description: "none" } } } },
  },
};

function registry(hoistMinChars?: number): SchemaRegistry {
  const root = structuredClone(DOC) as unknown as Record<string, unknown>;
  const api = buildApi(root, { warn: () => {}, error: () => {} });
  return buildSchemaRegistry({ root, api, names: planTypeNames(api), report: () => {}, ...(hoistMinChars === undefined ? {} : { hoistMinChars }) });
}

function bodyValidators(reg: SchemaRegistry): Map<string, ValidateFunction> {
  const { compiled } = compileModule(reg, "request", [], { ownProperties: false });
  const out = new Map<string, ValidateFunction>();
  for (const spec of reg.validators) if (spec.target.kind === "body") out.set(spec.target.operationId, compiled.validators.get(spec.id)!);
  return out;
}

const SAMPLES: unknown[] = [
  { name: "a", address: { line1: "1 Main St", floor: "3" } },
  { name: "a", address: { line1: "1 Main St", floor: "3", country: "XX" } },
  { address: { floor: "-1" } },
  { address: { line1: "x", postal_code: 123456789012345 } },
  { address: { line1: ["only"], floor: ["2"] } },
  { address: { line1: "x", extra: "y" } },
  { address: "somewhere" },
  { discounts: "" },
  { discounts: [{ coupon: "c1" }] },
  { discounts: { coupon: "c1" } },
  { discounts: ["c1"] },
];

describe("request subschemas repeated across operations", () => {
  it("become one shared resource that both bodies call, annotations aside; responses keep theirs inline", () => {
    const reg = registry();
    const shared = reg.resources.filter((r) => String(r.$id).startsWith(schemaId("~")));
    // the address and the discounts property; not the list branch inside discounts' anyOf
    expect(shared).toHaveLength(2);
    const [addressResource, discountsResource] = ["address", "discounts"].map((name) => shared.find((r) => JSON.stringify(r).includes(name === "address" ? "line1" : "anyOf"))!);
    expect((discountsResource!.anyOf as Record<string, unknown>[])[0]).toMatchObject({ type: "array" });
    const ref = { $ref: String(addressResource!.$id) };
    const schemaOf = (kind: string, operationId: string) => reg.validators.find((v) => v.target.kind === kind && "operationId" in v.target && v.target.operationId === operationId)!.schema;
    expect((schemaOf("body", "createShop").properties as Record<string, unknown>).address).toEqual(ref);
    expect((schemaOf("body", "createWarehouse").properties as Record<string, unknown>).address).toEqual(ref);
    expect(JSON.stringify(schemaOf("response", "createShop"))).not.toContain(schemaId("~"));
    expect(reg.sharedPointers[String(addressResource!.$id).slice(schemaId("").length)]).toBe(
      "#/paths/~1shops/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/address",
    );
    // the request module prints the address's checks once, not once per body
    const printed = (r: SchemaRegistry) => emitStandalone(compileModule(r, "request", [], { ownProperties: false }).compiled);
    // postal_code's check, once per place its code is printed
    const count = (code: string) => code.split("{limit: 12}").length - 1;
    expect(count(printed(reg))).toBe(1);
    expect(count(printed(registry(Number.POSITIVE_INFINITY)))).toBe(2);
  });

  it("validate, coerce and report exactly as the inline schemas do", () => {
    const hoisted = bodyValidators(registry());
    const inline = bodyValidators(registry(Number.POSITIVE_INFINITY));
    for (const operationId of ["createShop", "createWarehouse"]) {
      for (const sample of SAMPLES) {
        const [a, b] = [structuredClone(sample), structuredClone(sample)];
        const okHoisted = hoisted.get(operationId)!(a);
        const errorsHoisted = hoisted.get(operationId)!.errors?.map((e) => [e.instancePath, e.keyword, e.params]);
        const okInline = inline.get(operationId)!(b);
        const errorsInline = inline.get(operationId)!.errors?.map((e) => [e.instancePath, e.keyword, e.params]);
        expect({ sample, ok: okHoisted, errors: errorsHoisted, data: a }).toEqual({ sample, ok: okInline, errors: errorsInline, data: b });
      }
    }
    // the coercion reaches the caller's data through the shared function
    const data = { address: { line1: "x", floor: "3" } };
    expect(hoisted.get("createShop")!(data)).toBe(true);
    expect(data.address.floor).toBe(3);
  });
});

describe("hoistRepeatedSubschemas", () => {
  const big = (extra: Record<string, unknown> = {}) => ({ type: "object", properties: { a: { type: "string", maxLength: 5000 }, b: { type: "integer", minimum: 1 } }, ...extra });
  const refOf = (key: string) => `ref:${key}`;

  it("leaves short, single and place-bound subschemas and anyOf branches inline, and never replaces a root", () => {
    const roots = [
      { schema: { properties: { x: { type: "string" } } }, pointer: "#/a" },
      { schema: { properties: { x: { type: "string" } } }, pointer: "#/b" },
      { schema: { properties: { y: big({ unevaluatedProperties: false }) } }, pointer: "#/c" },
      { schema: { properties: { y: big({ unevaluatedProperties: false }) } }, pointer: "#/d" },
      { schema: big(), pointer: "#/e" },
      { schema: { anyOf: [big(), { type: "null" }] }, pointer: "#/f" },
      { schema: { allOf: [big()], not: big() }, pointer: "#/g" },
      { schema: { properties: { q: big() } }, pointer: "#/h" },
      { schema: { items: big() }, pointer: "#/i" },
    ];
    const { schemas, hoisted } = hoistRepeatedSubschemas(roots, refOf, 40);
    expect(hoisted).toHaveLength(1);
    // a root, and a branch that applies to its parent's value (anyOf, allOf, not…), stay as written
    expect(schemas.slice(0, 7)).toEqual(roots.slice(0, 7).map((r) => r.schema));
    expect(schemas.slice(7)).toEqual([{ properties: { q: { $ref: `ref:${hoisted[0]!.key}` } } }, { items: { $ref: `ref:${hoisted[0]!.key}` } }]);
    expect(hoisted[0]!.pointer).toBe("#/h/properties/q");
  });

  it("names a shared subschema by its content: the same key whatever else the document holds", () => {
    const roots = [
      { schema: { properties: { p: big() } }, pointer: "#/a" },
      { schema: { items: big({ description: "other words" }) }, pointer: "#/b" },
    ];
    const first = hoistRepeatedSubschemas(roots, refOf, 40).hoisted;
    const more = hoistRepeatedSubschemas([{ schema: { anyOf: [{ type: "null" }, { properties: { q: { type: "object", properties: { z: { type: "number", maximum: 9 } } } } }] }, pointer: "#/z" }, ...roots], refOf, 40).hoisted;
    expect(first).toHaveLength(1);
    expect(first[0]!.key).toMatch(/^~[0-9a-f]{16}$/);
    expect(more.map((h) => h.key)).toContain(first[0]!.key);
  });
});
