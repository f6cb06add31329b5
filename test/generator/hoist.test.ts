import type { ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { buildApi } from "../../generator/model/build-api.js";
import { planTypeNames } from "../../generator/model/type-names.js";
import { compileModule, emitStandalone } from "../../generator/schema/compile.js";
import { hoistRepeatedSubschemas } from "../../generator/schema/hoist.js";
import { buildSchemaRegistry, schemaId, type SchemaRegistry } from "../../generator/schema/registry.js";
import { getAtPointer } from "../../document/pointer.js";

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
/** Unique ids: ajv checks `uniqueItems` fast from the items' inline `type` (and names the pair the other way round when slow). */
const tags = {
  type: "array",
  uniqueItems: true,
  items: { type: "integer", minimum: 0, maximum: 1000000, exclusiveMaximum: 2000000, not: { enum: [13, 666, 999, 4242, 31337, 65535, 8675309, 1234567] }, description: "A tag." },
};
/** A query parameter's long schema, the same in both operations. */
const filter = {
  name: "filter",
  in: "query",
  schema: { type: "string", minLength: 1, maxLength: 120, pattern: "^[a-z]+(:[a-z0-9]+)?$", not: { enum: ["admin", "root", "system", "internal"] }, description: "A filter." },
};
const form = (description: string, addressExtra: Record<string, unknown> = {}) => ({
  required: true,
  content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties: { name: { type: "string" }, address: { ...address(description), ...addressExtra }, discounts, tags } } } },
});
function doc(options: { shopAddress?: Record<string, unknown>; component?: string } = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Shops", version: "1" },
    paths: {
      "/shops": {
        post: {
          operationId: "createShop",
          parameters: [filter],
          requestBody: form("Where the shop is.", options.shopAddress),
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { address: address("Where.") } } } } } },
        },
      },
      "/warehouses": {
        post: {
          operationId: "createWarehouse",
          parameters: [filter],
          requestBody: form("Where the goods are."),
          responses: options.component
            ? { "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${options.component}` } } } } }
            : { "204": { description: "none" } },
        },
      },
    },
    ...(options.component ? { components: { schemas: { [options.component]: { type: "object", properties: { id: { type: "string" } } } } } } : {}),
  };
}
const DOC = doc();

function registry(hoistMinChars?: number, root: Record<string, unknown> = structuredClone(DOC)): SchemaRegistry {
  const api = buildApi(root, { warn: () => {}, error: () => {} });
  return buildSchemaRegistry({ root, api, names: planTypeNames(api), report: () => {}, ...(hoistMinChars === undefined ? {} : { hoistMinChars }) });
}

function bodyValidators(reg: SchemaRegistry): Map<string, ValidateFunction> {
  // no `refused`: the resources are checked against the meta-schema, as on a real run's first module
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
  { tags: [1, 1] },
  { tags: ["3", "4", "3"] },
  { tags: "5" },
];

/** What a caller sees of one validation: the answer, the errors and the data after coercion. */
function outcome(validate: ValidateFunction, sample: unknown): unknown {
  const data = structuredClone(sample);
  const ok = validate(data);
  return { sample, ok, errors: validate.errors?.map((e) => [e.instancePath, e.keyword, e.params, e.message]), data };
}

describe("request subschemas repeated across operations", () => {
  it("become one shared resource that both bodies call, annotations aside; responses keep theirs inline", () => {
    const reg = registry();
    const shared = reg.resources.filter((r) => String(r.$id).startsWith(schemaId("~")));
    // the address, the discounts and tags properties and the filter parameter; not the list branch inside
    // discounts' anyOf, nor the items beside tags' uniqueItems
    expect(shared).toHaveLength(4);
    const find = (marker: string) => shared.find((r) => JSON.stringify(r).includes(marker))!;
    const [addressResource, discountsResource, tagsResource] = [find("line1"), find("anyOf"), find("uniqueItems")];
    expect((discountsResource!.anyOf as Record<string, unknown>[])[0]).toMatchObject({ type: "array" });
    expect(tagsResource!.items).toMatchObject({ type: "integer" });
    expect(JSON.stringify(shared)).not.toContain("description");
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
      for (const sample of SAMPLES) expect(outcome(hoisted.get(operationId)!, sample)).toEqual(outcome(inline.get(operationId)!, sample));
    }
    // the coercion reaches the caller's data through the shared function
    const data = { address: { line1: "x", floor: "3" } };
    expect(hoisted.get("createShop")!(data)).toBe(true);
    expect(data.address.floor).toBe(3);
  });

  it("check every operation as written when one copy's annotation is not valid JSON Schema", () => {
    // createShop's address says `deprecated: "yes"`: ajv's meta-schema refuses it, so inline that body's
    // validator is left out; createWarehouse's copy must still be checked in full
    const root = () => doc({ shopAddress: { deprecated: "yes" } });
    const hoisted = bodyValidators(registry(undefined, root()));
    const inline = bodyValidators(registry(Number.POSITIVE_INFINITY, root()));
    for (const sample of SAMPLES) expect(outcome(hoisted.get("createWarehouse")!, sample)).toEqual(outcome(inline.get("createWarehouse")!, sample));
    expect(hoisted.get("createWarehouse")!({ address: { line1: "x", floor: "-1" } })).toBe(false);
  });

  it("never take a component's name, and point their warnings at a place the spec has", () => {
    const key = String(registry().resources.find((r) => JSON.stringify(r).includes("line1") && String(r.$id).includes("~"))!.$id).slice(schemaId("").length);
    const root = doc({ component: key });
    const reg = registry(undefined, root);
    const ids = reg.resources.map((r) => String(r.$id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(schemaId(key));
    for (const module of ["request", "request-json", "response"] as const) compileModule(reg, module, [], { ownProperties: false });
    // the query parameter's shared schema: its converted path is no node of the spec, its operation's parameters are
    const pointers = Object.values(reg.sharedPointers);
    expect(pointers).toContain("#/paths/~1shops/post/parameters");
    for (const pointer of pointers) expect(getAtPointer(root, pointer)).toBeDefined();
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

  it("tells numbers JSON cannot hold from null, and puts back inline what ends up called from one place", () => {
    const padded = (value: unknown) => ({ type: ["number", "null"], enum: [value, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29] });
    const { hoisted } = hoistRepeatedSubschemas(
      ["a", "b"].flatMap((p) => [
        { schema: { properties: { n: padded(-Infinity) } }, pointer: `#/${p}1` },
        { schema: { properties: { n: padded(null) } }, pointer: `#/${p}2` },
      ]),
      refOf,
      40,
    );
    expect(hoisted.map((h) => (h.schema.enum as unknown[])[0])).toEqual([-Infinity, null]);

    // `inner` is repeated only inside `outer`, which two places share: one resource, `inner` inline in it
    const inner = { type: "object", properties: { k: { type: "string", maxLength: 5000 }, v: { type: "string", maxLength: 5000 } } };
    const outer = { type: "object", properties: { first: { type: "integer" }, inner } };
    const result = hoistRepeatedSubschemas([{ schema: { items: outer }, pointer: "#/x" }, { schema: { properties: { o: outer } }, pointer: "#/y" }], refOf, 40);
    expect(result.hoisted).toHaveLength(1);
    expect(result.hoisted[0]!.schema).toEqual(outer);
  });

  it("names a shared subschema by its content, not by its place or by the order it is met in", () => {
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
