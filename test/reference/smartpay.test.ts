import { describe, expect, it } from "vitest";
import * as v from "../../generated/smartpay-v1/validators.js";
import { TEST_KEYS } from "../../reference/index.js";
import { useCheckedReference } from "./helpers/client.js";

// The Smartpay reference over HTTP with response checking on (no log line may be written).

const { call } = useCheckedReference("smartpay");

const newCoupon = async (key?: string): Promise<string> =>
  (await call("POST", "/v1/coupons", { json: { name: "10% off", discountType: "percentage", discountPercentage: 10 }, ...(key ? { key } : {}) })).body.id;

describe("Smartpay reference", () => {
  it("creates a promotion code in Smartpay's JSON shape with millisecond timestamps", async () => {
    const coupon = await newCoupon();
    const before = Date.now();
    const res = await call("POST", "/v1/promotion-codes", { json: { coupon, code: "SPRING25", metadata: { order_id: "6735" }, currency: "JPY", minimumAmount: 1000 } });
    expect(res.status).toBe(200);
    expect(v.validatePromotionCode(res.body).ok).toBe(true);
    expect(res.body).toMatchObject({ object: "promotionCode", code: "SPRING25", coupon, currency: "JPY", minimumAmount: 1000, test: true });
    expect(res.body.id).toMatch(/^promotioncode_test_/);
    expect(res.body.createdAt).toBeGreaterThanOrEqual(before);
    expect(res.body.createdAt).toBeLessThan(before + 60_000);
  });

  it("answers an unknown coupon with 404 coupon.not-found", async () => {
    const res = await call("POST", "/v1/promotion-codes", { json: { coupon: "coupon_test_missing", code: "WINTER25" } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, errorCode: "coupon.not-found" });
    expect((await call("GET", "/v1/coupons/coupon_test_missing")).body.errorCode).toBe("coupon.not-found");
  });

  it("answers a code already in use with 409 promotion-code.exists", async () => {
    const coupon = await newCoupon();
    expect((await call("POST", "/v1/promotion-codes", { json: { coupon, code: "TWICE" } })).status).toBe(200);
    const res = await call("POST", "/v1/promotion-codes", { json: { coupon, code: "TWICE" } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, errorCode: "promotion-code.exists" });
    expect(v.validateCreatePromotionCodeResponse409(res.body).ok).toBe(true);
  });

  it("treats codes that differ only in case as the same code (409 promotion-code.exists)", async () => {
    const key = `sk_test_caseaccount${Date.now()}`;
    const coupon = await newCoupon(key);
    expect((await call("POST", "/v1/promotion-codes", { key, json: { coupon, code: "SPRING25" } })).status).toBe(200);
    const res = await call("POST", "/v1/promotion-codes", { key, json: { coupon, code: "spring25" } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, errorCode: "promotion-code.exists" });
  });

  it("lets exactly one of two simultaneous creates with the same code succeed", async () => {
    const coupon = await newCoupon();
    const results = await Promise.all([1, 2].map(() => call("POST", "/v1/promotion-codes", { json: { coupon, code: "RACE" } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("refuses invalid requests with 400 request.invalid naming the field", async () => {
    const missing = await call("POST", "/v1/promotion-codes", {});
    expect(missing.status).toBe(400);
    expect(missing.body.errorCode).toBe("request.invalid");
    const unknown = await call("POST", "/v1/promotion-codes", { json: { coupon: "c", code: "X", colour: "red" } });
    expect(unknown.body.details[0]).toMatchObject({ name: "colour", kind: "unknown" });
    expect((await call("GET", "/v1/promotion-codes?maxResults=500")).status).toBe(400);
    const form = await call("POST", "/v1/promotion-codes", { form: { coupon: "c", code: "X" } });
    expect(form.body.details[0]).toMatchObject({ name: "content-type" });
  });

  it("requires a valid secret key (401 unauthorized) and scopes data per key", async () => {
    expect((await call("GET", "/v1/promotion-codes", { key: null })).body).toEqual({ statusCode: 401, errorCode: "unauthorized", message: "Unauthorized" });
    expect((await call("GET", "/v1/promotion-codes", { key: "sk_test_bad" })).status).toBe(401);
    const coupon = await newCoupon();
    expect((await call("GET", `/v1/coupons/${coupon}`, { key: TEST_KEYS.smartpayOther })).status).toBe(404);
  });

  it("retrieves, updates with PATCH, and answers unknown ids with promotion-code.not-found", async () => {
    const coupon = await newCoupon();
    const created = (await call("POST", "/v1/promotion-codes", { json: { coupon, code: "PATCHME" } })).body;
    expect((await call("GET", `/v1/promotion-codes/${created.id}`)).body).toEqual(created);
    const expanded = await call("GET", `/v1/promotion-codes/${created.id}?expand=all`);
    expect(expanded.body.coupon).toMatchObject({ id: coupon, object: "coupon" });
    const patched = await call("PATCH", `/v1/promotion-codes/${created.id}`, { json: { active: false, metadata: { a: "1" } } });
    expect(patched.body).toMatchObject({ active: false, metadata: { a: "1" } });
    expect((await call("PATCH", `/v1/promotion-codes/${created.id}`, { json: { code: "NEW" } })).status).toBe(400);
    const missing = await call("GET", "/v1/promotion-codes/promotioncode_test_missing");
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe("promotion-code.not-found");
  });

  it("lists newest first with maxResults and page tokens", async () => {
    const key = `sk_test_pagedaccount${Date.now()}`;
    const coupon = await newCoupon(key);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call("POST", "/v1/promotion-codes", { key, json: { coupon, code: `PAGE${i}` } })).body.id);
    const first = await call("GET", "/v1/promotion-codes?maxResults=3", { key });
    expect(v.validatePromotionCodeCollection(first.body).ok).toBe(true);
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual([...ids].reverse().slice(0, 3));
    expect(first.body.results).toBe(3);
    const second = await call("GET", `/v1/promotion-codes?maxResults=3&pageToken=${first.body.nextPageToken}`, { key });
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual([...ids].reverse().slice(3));
    expect(second.body.nextPageToken).toBeUndefined();
  });
});

describe("Smartpay reference: Idempotency-Key", () => {
  it("replays a retried createCoupon and createPromotionCode instead of creating them again", async () => {
    const key = `sk_test_idempotentaccount${Date.now()}`;
    const json = { name: "5% off", discountType: "percentage", discountPercentage: 5 };
    const first = await call("POST", "/v1/coupons", { key, json, idempotencyKey: "coupon-retry-1" });
    const again = await call("POST", "/v1/coupons", { key, json, idempotencyKey: "coupon-retry-1" });
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const fresh = await call("POST", "/v1/coupons", { key, json, idempotencyKey: "coupon-retry-2" });
    expect(fresh.body.id).not.toBe(first.body.id);
    const code = { coupon: first.body.id, code: "RETRY10" };
    const created = await call("POST", "/v1/promotion-codes", { key, json: code, idempotencyKey: "code-retry-1" });
    const replayed = await call("POST", "/v1/promotion-codes", { key, json: code, idempotencyKey: "code-retry-1" });
    expect(replayed.status).toBe(200);
    expect(replayed.body.id).toBe(created.body.id);
    expect((await call("GET", "/v1/promotion-codes", { key })).body.data).toHaveLength(1);
  });

  it("refuses the same key with another body or on another endpoint with 400 request.invalid naming the header", async () => {
    const key = `sk_test_idempotentmismatch${Date.now()}`;
    const json = { name: "5% off", discountType: "percentage", discountPercentage: 5 };
    expect((await call("POST", "/v1/coupons", { key, json, idempotencyKey: "reused" })).status).toBe(200);
    for (const res of [
      await call("POST", "/v1/coupons", { key, json: { ...json, discountPercentage: 6 }, idempotencyKey: "reused" }),
      await call("POST", "/v1/promotion-codes", { key, json: { coupon: "coupon_test_x", code: "X" }, idempotencyKey: "reused" }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, errorCode: "request.invalid" });
      expect(res.body.details[0]).toMatchObject({ location: "header", name: "idempotency-key", kind: "invalid" });
      expect(v.validateCreateCouponResponse400(res.body).ok).toBe(true);
    }
  });
});
