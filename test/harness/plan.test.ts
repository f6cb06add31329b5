import { describe, expect, test } from "vitest";
import { operationRanks, planCases } from "../../contract-tests/harness/plan.js";
import type { ModelJson, OperationJson } from "../../contract-tests/harness/types.js";
import { loadRepoApi } from "./repo-apis.js";

const titles = async (api: string, target: "reference" | "prism") => planCases(await loadRepoApi(api), target);

describe("planning a suite", () => {
  test("runs the fixture first, a link's source before its target, 2xx before errors, reads of lists after the writes", async () => {
    const order = (await titles("stripe-2024-06-20", "reference")).map((c) => c.title);
    const at = (t: string) => {
      const i = order.indexOf(t);
      expect(i, t).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(order[0]).toBe("fixture › coupon (PostCoupons › success)");
    expect(at("PostCoupons › success")).toBeLessThan(at("PostPromotionCodes › success"));
    expect(at("PostPromotionCodes › success")).toBeLessThan(at("PostPromotionCodes › duplicate_code"));
    expect(at("PostPromotionCodes › success")).toBeLessThan(at("GetPromotionCodes › by_code"));
    expect(at("PostPromotionCodes › success")).toBeLessThan(at("PostPromotionCodesPromotionCode › success"));
    expect(at("PostPromotionCodesPromotionCode › success")).toBeLessThan(at("PostPromotionCodesPromotionCode › forbidden_field"));
    // the list operation is in no link: it runs after every linked operation's examples
    expect(at("PostPromotionCodesPromotionCode › unknown_id")).toBeLessThan(at("GetPromotionCodes › by_code"));
    expect(order.slice(-1)[0]).toMatch(/ › negative: /);
  });

  test("operations in no link rank after every linked one, the deepest included", () => {
    const op = (operationId: string, links: string[] = []): OperationJson => ({
      operationId,
      method: "get",
      path: `/${operationId}`,
      parameters: [],
      responses: [{ status: "200", contents: [], headers: [], links: links.map((target) => ({ name: target, operationId: target, parameters: {}, body: {}, pointer: "#" })), pointer: "#" }],
      security: [],
      pointer: "#",
    });
    // model order puts the unlinked operations first, so only the rank can put them last
    const model = { operations: [op("aList"), op("bStats"), op("create", ["read"]), op("read", ["update"]), op("update")] } as unknown as ModelJson;
    const rank = operationRanks(model);
    expect(Object.fromEntries(rank)).toEqual({ create: 0, read: 1, update: 2, aList: 3, bStats: 3 });
  });

  test("nothing is marked not applicable against the reference", async () => {
    for (const api of ["stripe-2024-06-20", "stripe-2025-09-30.clover", "smartpay-v1"]) {
      expect((await titles(api, "reference")).filter((c) => c.notApplicable || c.skipChecks)).toEqual([]);
    }
  });

  test("against Prism, exactly the cases it cannot answer are not applicable, each with its reason", async () => {
    const na = async (api: string) => (await titles(api, "prism")).filter((c) => c.notApplicable).map((c) => `${c.title}: ${c.notApplicable!.split(":")[0]}`);
    expect(await na("smartpay-v1")).toEqual([
      "retrieveCoupon › unknown_id: Prism keeps no state",
      "createPromotionCode › duplicate_code: Prism keeps no state",
      "createPromotionCode › unknown_coupon: Prism keeps no state",
      "retrievePromotionCode › unknown_id: Prism keeps no state",
      "updatePromotionCode › unknown_id: Prism keeps no state",
      "listPromotionCodes › bad_api_key: Prism checks that credentials are present, not whether they are valid",
    ]);
    const stripe = [
      "GetCouponsCoupon › unknown_id: Prism keeps no state",
      "GetCustomersCustomer › unknown_id: Prism keeps no state",
      "PostPromotionCodes › duplicate_code: Prism keeps no state",
      "PostPromotionCodes › unknown_coupon: Prism keeps no state",
      "GetPromotionCodesPromotionCode › unknown_id: Prism keeps no state",
      "PostPromotionCodesPromotionCode › forbidden_field: Prism does not enforce additionalProperties",
      "PostPromotionCodesPromotionCode › unknown_id: Prism keeps no state",
      "GetPromotionCodes › bad_api_key: Prism checks that credentials are present, not whether they are valid",
      "PostCoupons › negative: unknown body field 'x_contract_unknown': Prism does not enforce additionalProperties",
      "PostCouponsCoupon › negative: unknown body field 'x_contract_unknown': Prism does not enforce additionalProperties",
      "PostCustomers › negative: unknown body field 'x_contract_unknown': Prism does not enforce additionalProperties",
      "PostPromotionCodes › negative: unknown body field 'x_contract_unknown': Prism does not enforce additionalProperties",
      "PostPromotionCodesPromotionCode › negative: unknown body field 'x_contract_unknown': Prism does not enforce additionalProperties",
    ];
    expect(await na("stripe-2024-06-20")).toEqual(stripe);
    expect(await na("stripe-2025-09-30.clover")).toEqual(stripe);
    expect((await titles("smartpay-v1", "prism")).every((c) => c.skipChecks?.some((s) => s.check === "echo"))).toBe(true);
  });
});
