import { describe, expect, it } from "vitest";
import { NameRegistry, deriveOperationId, toCamelCase, toPascalCase } from "../../generator/model/names.js";
import { statusName } from "../../generator/model/type-names.js";

describe("naming rules", () => {
  it.each([
    ["promotion_code", "PromotionCode"],
    ["GetPromotionCodesPromotionCode", "GetPromotionCodesPromotionCode"],
    ["billing_portal.configuration", "BillingPortalConfiguration"],
    ["3d_secure", "X3dSecure"],
    ["---", "X"],
  ])("toPascalCase(%s) = %s", (input, want) => expect(toPascalCase(input)).toBe(want));

  it("camelCase and derived operationIds", () => {
    expect(toCamelCase("PostPromotionCodes")).toBe("postPromotionCodes");
    expect(deriveOperationId("get", "/v1/items/{id}")).toBe("getV1ItemsId");
  });

  it("status names", () => {
    expect([statusName("200"), statusName("4XX"), statusName("default")]).toEqual(["200", "4XX", "Default"]);
  });

  it("the registry suffixes later claimants and keeps reserved words out", () => {
    const r = new NameRegistry();
    expect([r.claim("Pet"), r.claim("Pet"), r.claim("Pet"), r.claim("components")]).toEqual(["Pet", "Pet2", "Pet3", "components2"]);
  });

  it("a reserved word or global gets `Schema` appended, then a number; a file's own identifiers are taken", () => {
    const r = new NameRegistry(["HandlerResult"]);
    expect([r.claim("Record"), r.claim("RecordSchema"), r.claim("Error"), r.claim("delete"), r.claim("HandlerResult")]).toEqual([
      "RecordSchema",
      "RecordSchema2",
      "ErrorSchema",
      "deleteSchema",
      "HandlerResult2",
    ]);
  });
});
