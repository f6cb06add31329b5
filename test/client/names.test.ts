import { describe, expect, it } from "vitest";
import { placeOperations } from "../../generator/emit/client-names.js";
import type { HttpMethod, OperationModel } from "../../generator/model/types.js";
import { stripeSpec } from "../fixtures/specs/stripe.js";

function op(method: HttpMethod, path: string, operationId: string, query: string[] = []): OperationModel {
  return {
    operationId,
    typeName: operationId,
    method,
    path,
    tags: [],
    parameters: query.map((name) => ({ name, in: "query", required: false, style: "form", explode: true, schemaPointer: "", pointer: "" })),
    responses: [],
    security: [],
    pointer: "",
  };
}

const placed = (ops: OperationModel[]) => Object.fromEntries(placeOperations(ops).map((p) => [p.operation.operationId, [...p.group, p.method].join(".")]));

describe("client method names", () => {
  it("CRUD on a collection and its items", () => {
    expect(
      placed([
        op("get", "/v1/promotion_codes", "GetPromotionCodes", ["limit", "starting_after"]),
        op("post", "/v1/promotion_codes", "PostPromotionCodes"),
        op("get", "/v1/promotion_codes/{promotion_code}", "GetPromotionCodesPromotionCode"),
        op("post", "/v1/promotion_codes/{promotion_code}", "PostPromotionCodesPromotionCode"),
        op("delete", "/v1/promotion_codes/{promotion_code}", "DeletePromotionCodesPromotionCode"),
        op("patch", "/v1/promotion-codes/{id}", "updatePromotionCode"),
      ]),
    ).toEqual({
      GetPromotionCodes: "promotionCodes.list",
      PostPromotionCodes: "promotionCodes.create",
      GetPromotionCodesPromotionCode: "promotionCodes.retrieve",
      // two `update`s in one group (`promotion_codes` and `promotion-codes`): both fall back to the operationId
      PostPromotionCodesPromotionCode: "promotionCodes.postPromotionCodesPromotionCode",
      DeletePromotionCodesPromotionCode: "promotionCodes.del",
      updatePromotionCode: "promotionCodes.updatePromotionCode",
    });
  });

  it("nested collections, actions, singletons, and verb-prefixed actions when a path has several methods", () => {
    expect(
      placed([
        op("get", "/v1/customers/{customer}", "GetCustomer"),
        op("get", "/v1/customers/{customer}/sources", "GetSources", ["starting_after"]),
        op("get", "/v1/customers/{customer}/sources/{id}", "GetSource"),
        op("post", "/v1/customers/{customer}/sources/{id}/verify", "Verify"),
        op("get", "/v1/customers", "GetCustomers"),
        op("get", "/v1/customers/search", "Search", ["page"]),
        op("get", "/v1/customers/{customer}/discount", "GetDiscount"),
        op("delete", "/v1/customers/{customer}/discount", "DeleteDiscount"),
        op("get", "/v1/balance", "GetBalance"),
        op("post", "/v1/account_links", "PostAccountLinks"),
        op("get", "/v1/checkout/sessions", "GetSessions"),
      ]),
    ).toEqual({
      GetCustomer: "customers.retrieve",
      GetSources: "customers.sources.list",
      GetSource: "customers.sources.retrieve",
      Verify: "customers.sources.verify",
      GetCustomers: "customers.list",
      Search: "customers.search",
      GetDiscount: "customers.retrieveDiscount",
      DeleteDiscount: "customers.delDiscount",
      GetBalance: "balance.retrieve",
      PostAccountLinks: "accountLinks.create",
      GetSessions: "checkout.sessions.retrieve",
    });
  });

  it("falls back to the operationId for names that would shadow a nested group or make the client thenable", () => {
    expect(
      placed([
        op("post", "/v1/things/{id}/then", "ThenThing"),
        op("post", "/v1/things/{id}", "UpdateThing"),
        op("post", "/v1/things/{id}/parts", "PartsAction"),
        op("get", "/v1/things/{id}/parts/{part}/list", "ListParts"),
      ]),
    ).toMatchObject({ ThenThing: "things.thenThing", UpdateThing: "things.update" });
  });

  it("places all 468 operations of Stripe's full spec uniquely, whatever the input order", () => {
    const spec = stripeSpec() as {
      paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string }[] }>>;
    };
    const ops = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, o]) => typeof o === "object" && o.operationId)
        .map(([method, o]) => op(method as HttpMethod, path, o.operationId!, (o.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name))),
    );
    expect(ops).toHaveLength(468);
    const names = placed(ops);
    const full = Object.values(names);
    expect(new Set(full).size).toBe(468);
    expect(placed([...ops].reverse())).toEqual(names);
    // No method shadows a group: "a.b" is never both a method and a prefix of another name.
    for (const name of full) expect(full.some((other) => other.startsWith(`${name}.`)), name).toBe(false);
    expect(names).toMatchObject({
      GetPromotionCodes: "promotionCodes.list",
      PostInvoicesInvoicePay: "invoices.pay",
      GetCustomersSearch: "customers.search",
      GetApplicationFeesIdRefunds: "applicationFees.refunds.list",
      GetCreditNotesPreviewLines: "creditNotes.preview.lines",
    });
  });
});
