import { describe, expect, it } from "vitest";
import { convertSchema } from "../../generator/schema/convert.js";

function convert(schema: unknown, openapi: "3.0" | "3.1" = "3.0") {
  const unknown: string[] = [];
  const out = convertSchema(schema, "#/s", {
    openapi,
    mapRef: (ref) => `api${ref}`,
    onUnknownKeyword: (pointer, keyword) => unknown.push(`${pointer} ${keyword}`),
  });
  return { out, unknown };
}

describe("convertSchema: OpenAPI → JSON Schema 2020-12", () => {
  it.each([
    ["3.0 nullable with a type", { type: "string", nullable: true }, { type: ["string", "null"] }],
    ["3.0 nullable enum gains null", { type: "string", enum: ["a"], nullable: true }, { type: ["string", "null"], enum: ["a", null] }],
    ["3.0 nullable beside anyOf with no type", { anyOf: [{ type: "string" }], nullable: true }, { anyOf: [{ anyOf: [{ type: "string" }] }, { type: "null" }] }],
    ["3.0 nullable $ref", { $ref: "#/components/schemas/A", nullable: true }, { anyOf: [{ $ref: "api#/components/schemas/A" }, { type: "null" }] }],
    ["3.0 $ref siblings are ignored", { $ref: "#/x", description: "d", type: "object" }, { $ref: "api#/x" }],
    ["3.0 exclusiveMinimum true", { type: "integer", minimum: 0, exclusiveMinimum: true }, { type: "integer", exclusiveMinimum: 0 }],
    ["3.0 exclusiveMaximum false", { type: "integer", maximum: 9, exclusiveMaximum: false }, { type: "integer", maximum: 9 }],
    ["annotations and x- dropped", { type: "object", example: {}, "x-foo": 1, xml: {}, discriminator: { propertyName: "k" } }, { type: "object" }],
    ["nested subschemas converted", { type: "object", properties: { a: { type: "integer", nullable: true } }, items: [{ type: "string" }] }, { type: "object", properties: { a: { type: ["integer", "null"] } }, prefixItems: [{ type: "string" }] }],
  ])("%s", (_name, input, want) => {
    expect(convert(input).out).toEqual(want);
  });

  it("3.1 keeps type arrays and $ref siblings, and ignores nullable", () => {
    expect(convert({ type: ["string", "null"], $ref: "#/a", description: "d", nullable: true }, "3.1").out).toEqual({
      type: ["string", "null"],
      $ref: "api#/a",
      description: "d",
    });
  });

  it("leaves out a pattern (or patternProperties key) JavaScript cannot compile, keeping the rest", () => {
    expect(convert({ type: "string", pattern: "^\\Z(?i)x", maxLength: 3 }).out).toEqual({ type: "string", maxLength: 3 });
    expect(convert({ type: "object", patternProperties: { "(?i)^a": { type: "string" }, "^b": { type: "string" } } }).out).toEqual({
      type: "object",
      patternProperties: { "^b": { type: "string" } },
    });
    expect(convert({ type: "string", pattern: "^[a-z]+$" }).out).toEqual({ type: "string", pattern: "^[a-z]+$" });
  });

  it("reports unknown keywords with their pointer", () => {
    const { unknown } = convert({ type: "object", maxlength: 3, properties: { t: { type: "string", format: "date-time" } } });
    expect(unknown).toEqual(["#/s/maxlength maxlength"]);
  });
});
