import qs from "qs";
import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "../../reference/index.js";
import * as legacy from "../../generated/stripe-2024-06-20/validators.js";
import * as clover from "../../generated/stripe-2025-09-30.clover/validators.js";
import { useCheckedReference } from "./helpers/client.js";
import { advanceClock } from "./helpers/clock.js";

// The Stripe reference over HTTP, with response checking on: any response that broke the spec would
// be a 500 and a log line, and afterAll checks that no such line was written.

const { call } = useCheckedReference("stripe");

const VERSIONS = [
  { version: "2024-06-20", validators: legacy, couponParam: "coupon", codeOf: (c: string) => ({ coupon: c }) },
  { version: "2025-09-30.clover", validators: clover, couponParam: "promotion[coupon]", codeOf: (c: string) => ({ promotion: { type: "coupon", coupon: c } }) },
] as const;

let unique = 0;
const freshCode = (prefix = "CODE"): string => `${prefix}${Date.now().toString(36).toUpperCase()}${++unique}`;

async function newCoupon(extra: Record<string, unknown> = {}, key?: string): Promise<string> {
  const res = await call("POST", "/v1/coupons", { form: { percent_off: 25.5, duration: "repeating", duration_in_months: 3, ...extra }, ...(key ? { key } : {}) });
  expect(res.status).toBe(200);
  return res.body.id;
}

describe("Stripe reference: auth, errors, routing", () => {
  it("answers a request without a key with Stripe's 401 message", async () => {
    const res = await call("GET", "/v1/promotion_codes", { key: null });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/^You did not provide an API key\. You need to provide your API key in the Authorization header/);
    expect(legacy.validateGetPromotionCodesResponse401(res.body).ok).toBe(true);
  });

  it("redacts a malformed key in its 401, over Bearer and Basic", async () => {
    const bearer = await call("GET", "/v1/promotion_codes", { key: "sk_test_has-a-dash-0042" });
    expect(bearer.status).toBe(401);
    expect(bearer.body.error).toEqual({ type: "invalid_request_error", message: "Invalid API Key provided: sk_test_***********0042" });
    const basic = await call("GET", "/v1/promotion_codes", { key: "sk_test_invalid", basic: true });
    expect(basic.body.error.message).toBe("Invalid API Key provided: sk_test_****alid");
    // A short key is never echoed whole: at most its last 4 characters, and only when 4 others stay hidden.
    expect((await call("GET", "/v1/promotion_codes", { key: "abc" })).body.error.message).toBe("Invalid API Key provided: ****");
    expect((await call("GET", "/v1/promotion_codes", { key: "sk_test_x" })).body.error.message).toBe("Invalid API Key provided: ****st_x");
    expect((await call("GET", "/v1/promotion_codes", { key: "sk_test_1234" })).body.error.message).toBe("Invalid API Key provided: ****1234");
  });

  it("accepts a valid key over Basic auth", async () => {
    expect((await call("GET", "/v1/promotion_codes", { basic: true })).status).toBe(200);
  });

  it("puts a req_ Request-Id on every response, errors included", async () => {
    for (const res of [await call("GET", "/v1/promotion_codes"), await call("GET", "/v1/nope", { key: null }), await call("GET", "/v1/coupons/x%zz")]) {
      expect(res.headers.get("request-id")).toMatch(/^req_[A-Za-z0-9]{14}$/);
    }
  });

  it("answers an unknown route with 404 in Stripe's error shape", async () => {
    const res = await call("DELETE", "/v1/promotion_codes");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("Unrecognized request URL (DELETE: /v1/promotion_codes)");
    expect(legacy.validateErrorSchema(res.body).ok).toBe(true);
  });

  it("scopes data per key: one key never sees another key's objects", async () => {
    const coupon = await newCoupon();
    const created = await call("POST", "/v1/promotion_codes", { form: { coupon, code: freshCode() } });
    const other = { key: TEST_KEYS.stripeOther };
    expect((await call("GET", `/v1/promotion_codes/${created.body.id}`, other)).status).toBe(404);
    expect((await call("GET", `/v1/coupons/${coupon}`, other)).status).toBe(404);
    expect((await call("GET", "/v1/promotion_codes", other)).body.data.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
  });

  it("refuses a malformed Stripe-Version", async () => {
    const res = await call("GET", "/v1/promotion_codes", { version: "yesterday" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Invalid Stripe API version: yesterday");
  });
});

describe.each(VERSIONS)("Stripe reference $version: create", ({ version, validators, couponParam, codeOf }) => {
  const post = (form: Record<string, unknown> | string) => call("POST", "/v1/promotion_codes", { form, version });

  it("creates a code in the version's shape, echoing metadata and restrictions", async () => {
    const coupon = await newCoupon();
    const code = freshCode();
    const res = await post({ ...codeOf(coupon), code, metadata: { order_id: "6735" }, restrictions: { first_time_transaction: true, minimum_amount: 1000, minimum_amount_currency: "usd" } });
    expect(res.status).toBe(200);
    expect(validators.validatePromotionCode(res.body).ok).toBe(true);
    expect(res.body).toMatchObject({ object: "promotion_code", code, active: true, metadata: { order_id: "6735" } });
    expect(res.body.id).toMatch(/^promo_[A-Za-z0-9]{24}$/);
    expect(res.body.restrictions).toEqual({ first_time_transaction: true, minimum_amount: 1000, minimum_amount_currency: "usd" });
    if (version === "2024-06-20") expect(res.body.coupon.id).toBe(coupon);
    else expect(res.body.promotion).toEqual({ type: "coupon", coupon });
  });

  it("generates a code when none is given", async () => {
    const res = await post(codeOf(await newCoupon()));
    expect(res.body.code).toMatch(/^[A-Z0-9]{8}$/);
  });

  it("requires the coupon, which must exist", async () => {
    const missing = await post("");
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "parameter_missing", param: couponParam.split("[")[0], doc_url: "https://stripe.com/docs/error-codes/parameter-missing" });
    const unknown = await post({ ...codeOf("coupon_missing"), code: freshCode() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "resource_missing", message: "No such coupon: 'coupon_missing'", param: couponParam });
  });

  it("applies the version's character rules to codes", async () => {
    const coupon = await newCoupon();
    const dashed = await post({ ...codeOf(coupon), code: freshCode("SPRING-") });
    if (version === "2024-06-20") {
      expect(dashed.status).toBe(400);
      expect(dashed.body.error.param).toBe("code");
    } else expect(dashed.status).toBe(200);
    const bad = await post({ ...codeOf(coupon), code: "bad code!" });
    expect(bad.status).toBe(400);
    // our own words, never the validator's ("must match pattern …")
    const allowed = version === "2024-06-20" ? "letters and digits" : "letters, digits and dashes";
    expect(bad.body.error.message).toBe(`Invalid code: bad code! may only contain ${allowed}.`);
    expect((await post({ ...codeOf(coupon), code: "A".repeat(501) })).body.error.message).toMatch(/must be at most 500 characters/);
  });

  it("keeps codes unique case-insensitively among active codes of the same customer", async () => {
    const coupon = await newCoupon();
    const code = freshCode();
    expect((await post({ ...codeOf(coupon), code })).status).toBe(200);
    const clash = await post({ ...codeOf(coupon), code: code.toLowerCase() });
    expect(clash.status).toBe(400);
    expect(clash.body.error).toMatchObject({ param: "code", message: `An active promotion code with \`code: ${code.toLowerCase()}\` already exists.` });
    const customer = (await call("POST", "/v1/customers", { form: { name: "A1" } })).body.id;
    expect((await post({ ...codeOf(coupon), code, customer })).status).toBe(200);
    expect((await post({ ...codeOf(coupon), code, active: false })).status).toBe(200);
  });

  it("limits max_redemptions to a positive number no larger than the coupon's", async () => {
    const coupon = await newCoupon({ max_redemptions: 5 });
    expect((await post({ ...codeOf(coupon), max_redemptions: 0 })).body.error.param).toBe("max_redemptions");
    const tooMany = await post({ ...codeOf(coupon), max_redemptions: 6 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.param).toBe("max_redemptions");
    expect((await post({ ...codeOf(coupon), max_redemptions: 5 })).status).toBe(200);
  });

  it("wants expires_at in the future and no later than the coupon's redeem_by", async () => {
    const now = Math.floor(Date.now() / 1000);
    const coupon = await newCoupon({ redeem_by: now + 3600 });
    expect((await post({ ...codeOf(coupon), expires_at: now - 10 })).body.error.param).toBe("expires_at");
    expect((await post({ ...codeOf(coupon), expires_at: now + 7200 })).body.error.param).toBe("expires_at");
    expect((await post({ ...codeOf(coupon), expires_at: now + 600 })).body.expires_at).toBe(now + 600);
  });

  it("checks restrictions: minimum_amount needs its currency; unknown fields are refused", async () => {
    const coupon = await newCoupon();
    const res = await post({ ...codeOf(coupon), restrictions: { minimum_amount: 100 } });
    expect(res.body.error).toMatchObject({ code: "parameter_missing", param: "restrictions[minimum_amount_currency]" });
    const unknown = await post({ ...codeOf(coupon), restrictions: { maximum_amount: 1 } });
    expect(unknown.body.error).toMatchObject({ code: "parameter_unknown", param: "restrictions[maximum_amount]" });
    const badInt = await post(`${qs.stringify(codeOf(coupon))}&restrictions[minimum_amount]=ten&restrictions[minimum_amount_currency]=usd`);
    expect(badInt.body.error).toMatchObject({ code: "parameter_invalid_integer", message: "Invalid integer: ten", param: "restrictions[minimum_amount]" });
  });

  it("enforces metadata limits: 50 keys, keys up to 40 characters, values up to 500", async () => {
    const coupon = await newCoupon();
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect((await post({ ...codeOf(coupon), metadata: many })).body.error.param).toBe("metadata");
    const longKey = await post({ ...codeOf(coupon), metadata: { ["k".repeat(41)]: "v" } });
    expect(longKey.body.error.param).toBe(`metadata[${"k".repeat(41)}]`);
    const longValue = await post({ ...codeOf(coupon), metadata: { note: "v".repeat(501) } });
    expect(longValue.body.error).toMatchObject({ param: "metadata[note]" });
    expect(longValue.body.error.message).toContain("500 characters");
    expect((await post({ ...codeOf(coupon), metadata: { ["k".repeat(40)]: "v".repeat(500) } })).status).toBe(200);
  });
});

describe.each(VERSIONS)("Stripe reference $version: retrieve and update", ({ version, validators, codeOf }) => {
  const create = async (extra: Record<string, unknown> = {}) =>
    (await call("POST", "/v1/promotion_codes", { form: { ...codeOf(await newCoupon()), code: freshCode(), ...extra }, version })).body;
  const update = (id: string, form: Record<string, unknown> | string) => call("POST", `/v1/promotion_codes/${id}`, { form, version });

  it("retrieves by id, and answers an unknown id with 404 resource_missing", async () => {
    const code = await create();
    const res = await call("GET", `/v1/promotion_codes/${code.id}`, { version });
    expect(res.body).toEqual(code);
    const missing = await call("GET", "/v1/promotion_codes/promo_missing", { version });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "resource_missing", param: "id", message: "No such promotion code: 'promo_missing'" });
    expect(validators.validateGetPromotionCodesPromotionCodeResponse404(missing.body).ok).toBe(true);
  });

  it("expands the customer, and the coupon where the version allows it", async () => {
    const customer = await call("POST", "/v1/customers", { form: { email: "expand@example.com", metadata: { k: "v" } } });
    const code = await create({ customer: customer.body.id });
    const expandCoupon = version === "2024-06-20" ? "coupon" : "promotion.coupon";
    const res = await call("GET", `/v1/promotion_codes/${code.id}?expand[]=customer&expand[]=${expandCoupon}`, { version });
    expect(res.body.customer).toEqual(customer.body);
    if (version !== "2024-06-20") expect(res.body.promotion.coupon.object).toBe("coupon");
    const wrong = version === "2024-06-20" ? "promotion.coupon" : "coupon";
    expect((await call("GET", `/v1/promotion_codes/${code.id}?expand[0]=${wrong}`, { version })).body.error.param).toBe("expand");
  });

  it("updates metadata: sets keys, `metadata[k]=` removes one, `metadata=` removes all", async () => {
    const code = await create({ metadata: { a: "1", b: "2" } });
    expect((await update(code.id, { metadata: { c: "3" } })).body.metadata).toEqual({ a: "1", b: "2", c: "3" });
    expect((await update(code.id, "metadata[a]=")).body.metadata).toEqual({ b: "2", c: "3" });
    expect((await update(code.id, "metadata=")).body.metadata).toEqual({});
  });

  it("updates active and restrictions.currency_options, and nothing else", async () => {
    const code = await create();
    const res = await update(code.id, { active: false, restrictions: { currency_options: { eur: { minimum_amount: 1000 } } } });
    expect(res.body.active).toBe(false);
    expect(res.body.restrictions.currency_options).toEqual({ eur: { minimum_amount: 1000 } });
    for (const [form, param] of [[{ code: "NEWCODE" }, "code"], [{ max_redemptions: 3 }, "max_redemptions"], [{ restrictions: { minimum_amount: 5 } }, "restrictions[minimum_amount]"]] as const) {
      const refused = await update(code.id, form);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "parameter_unknown", param, message: `Received unknown parameter: ${param}` });
    }
    expect((await update("promo_missing", { active: false })).status).toBe(404);
  });

  it("refuses to reactivate a code while another active code has its text (any case)", async () => {
    const first = await create();
    await update(first.id, { active: false });
    const second = await create({ code: first.code.toLowerCase() });
    expect(second.active).toBe(true);
    const refused = await update(first.id, { active: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("already exists");
    await update(second.id, { active: false });
    expect((await update(first.id, { active: true })).body.active).toBe(true);
  });

  it("reactivates a code only while it is still redeemable", async () => {
    const now = Math.floor(Date.now() / 1000);
    const live = await create();
    await update(live.id, { active: false });
    expect((await update(live.id, { active: true })).body.active).toBe(true);
    const expiring = await create({ expires_at: now + 2 });
    await update(expiring.id, { active: false });
    advanceClock(2100); // past the expiry, without sleeping
    const refused = await update(expiring.id, { active: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.param).toBe("active");
  });
});
