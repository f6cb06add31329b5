import { beforeAll, describe, expect, it } from "vitest";
import * as legacy from "../../generated/stripe-2024-06-20/validators.js";
import * as clover from "../../generated/stripe-2025-09-30.clover/validators.js";
import { useCheckedReference } from "./helpers/client.js";

// Lists, Idempotency-Key and concurrent creates, for both Stripe versions; every key gets a fresh
// account (data is scoped per key), so counts are exact.
let accounts = 0;
const freshKey = (): string => `sk_test_listaccount${Date.now()}x${++accounts}`;

const { call } = useCheckedReference("stripe");

const VERSIONS = [
  { version: "2024-06-20", validators: legacy, codeOf: (c: string) => ({ coupon: c }), expandCoupon: "data.coupon" },
  { version: "2025-09-30.clover", validators: clover, codeOf: (c: string) => ({ promotion: { type: "coupon", coupon: c } }), expandCoupon: "data.promotion.coupon" },
] as const;

describe.each(VERSIONS)("Stripe reference $version: list", ({ version, validators, codeOf, expandCoupon }) => {
  let key: string;
  const ids: string[] = [];
  let couponA: string;
  let customer: string;
  const get = (query: string) => call("GET", `/v1/promotion_codes${query}`, { key, version });

  beforeAll(async () => {
    key = freshKey();
    const coupon = async () => (await call("POST", "/v1/coupons", { key, form: { percent_off: 10, duration: "once" } })).body.id as string;
    couponA = await coupon();
    const couponB = await coupon();
    customer = (await call("POST", "/v1/customers", { key, form: { name: "L7" } })).body.id as string;
    for (let i = 0; i < 12; i++) {
      const form = { ...codeOf(i % 3 === 0 ? couponB : couponA), code: `LIST${i}`, ...(i === 5 ? { active: false } : {}), ...(i === 7 ? { customer } : {}) };
      const res = await call("POST", "/v1/promotion_codes", { key, version, form });
      expect(res.status).toBe(200);
      ids.push(res.body.id);
    }
  });

  it("lists newest first, 10 by default, with has_more and url", async () => {
    const res = await get("");
    expect(validators.validatePromotionCodeList(res.body).ok).toBe(true);
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([...ids].reverse().slice(0, 10));
    expect(res.body).toMatchObject({ object: "list", has_more: true, url: "/v1/promotion_codes" });
  });

  it("pages forward with starting_after and back with ending_before", async () => {
    const newest = [...ids].reverse();
    const second = await get(`?limit=5&starting_after=${newest[4]}`);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual(newest.slice(5, 10));
    expect(second.body.has_more).toBe(true);
    const last = await get(`?limit=5&starting_after=${newest[9]}`);
    expect(last.body.data.map((c: { id: string }) => c.id)).toEqual(newest.slice(10));
    expect(last.body.has_more).toBe(false);
    const back = await get(`?limit=3&ending_before=${newest[6]}`);
    expect(back.body.data.map((c: { id: string }) => c.id)).toEqual(newest.slice(3, 6));
    expect(back.body.has_more).toBe(true);
    expect((await get("?starting_after=promo_nothing")).body.error).toMatchObject({ code: "resource_missing", param: "starting_after" });
  });

  it("keeps limit within 1..100", async () => {
    for (const limit of ["0", "101", "500"]) {
      const res = await get(`?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ message: "Invalid limit: must be between 1 and 100", param: "limit" });
    }
    expect((await get("?limit=abc")).body.error).toMatchObject({ code: "parameter_invalid_integer", param: "limit" });
    expect((await get("?limit=100")).body.data).toHaveLength(12);
  });

  it("filters by active, code (any case), coupon, customer and created", async () => {
    expect((await get("?limit=100&active=false")).body.data.map((c: { id: string }) => c.id)).toEqual([ids[5]]);
    expect((await get("?code=list3")).body.data.map((c: { id: string }) => c.id)).toEqual([ids[3]]);
    expect((await get(`?limit=100&coupon=${couponA}`)).body.data).toHaveLength(8);
    expect((await get(`?customer=${customer}`)).body.data.map((c: { id: string }) => c.id)).toEqual([ids[7]]);
    expect((await get("?limit=100&created[gt]=0")).body.data).toHaveLength(12);
    expect((await get("?limit=100&created[lt]=1")).body.data).toHaveLength(0);
  });

  it("expands data.* paths of the version and refuses unknown query parameters", async () => {
    const res = await get(`?limit=1&expand[]=${expandCoupon}&expand[]=data.customer`);
    const coupon = version === "2024-06-20" ? res.body.data[0].coupon : res.body.data[0].promotion.coupon;
    expect(coupon.object).toBe("coupon");
    expect((await get("?expand[]=coupon")).body.error.param).toBe("expand");
    expect((await get("?colour=red")).body.error).toMatchObject({ code: "parameter_unknown", param: "colour" });
  });
});

describe.each(VERSIONS)("Stripe reference $version: Idempotency-Key and concurrency", ({ version, codeOf }) => {
  it("replays the stored response for the same key and parameters, and refuses other parameters", async () => {
    const key = freshKey();
    const coupon = (await call("POST", "/v1/coupons", { key, form: { percent_off: 10 } })).body.id;
    const form = { ...codeOf(coupon), code: "IDEM1" };
    const first = await call("POST", "/v1/promotion_codes", { key, version, form, idempotencyKey: "idem-1" });
    const again = await call("POST", "/v1/promotion_codes", { key, version, form, idempotencyKey: "idem-1" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect((await call("GET", "/v1/promotion_codes", { key, version })).body.data).toHaveLength(1);
    const other = await call("POST", "/v1/promotion_codes", { key, version, form: { ...form, code: "IDEM2" }, idempotencyKey: "idem-1" });
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe("idempotency_error");
    expect(other.body.error.message).toContain("Keys for idempotent requests can only be used with the same parameters they were first used with");
  });

  it("lets exactly one of two simultaneous creates with the same code succeed", async () => {
    const key = freshKey();
    const coupon = (await call("POST", "/v1/coupons", { key, form: { percent_off: 10 } })).body.id;
    for (let round = 0; round < 5; round++) {
      const form = { ...codeOf(coupon), code: `RACE${round}` };
      const results = await Promise.all([1, 2].map(() => call("POST", "/v1/promotion_codes", { key, version, form })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    }
  });
});
