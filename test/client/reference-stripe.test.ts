/** The generated Stripe clients (both API versions) against the reference server on a real port. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReference, TEST_KEYS, type RunningReference } from "../../reference/index.js";
import * as v2024 from "../../generated/stripe-2024-06-20/client.js";
import * as clover from "../../generated/stripe-2025-09-30.clover/client.js";
import { coverageFetch } from "./support.js";

const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
let server: RunningReference;
const cov2024 = coverageFetch(v2024.api.operations);
const covClover = coverageFetch(clover.api.operations);
let stripe: v2024.Client;
let cloverClient: clover.Client;

beforeAll(async () => {
  server = await startReference("stripe", { checkResponses: true });
  const common = { baseUrl: server.url, apiKey: TEST_KEYS.stripe, validateResponses: true, retry: FAST };
  stripe = v2024.createClient({ ...common, fetch: cov2024.fetch });
  cloverClient = clover.createClient({ ...common, fetch: covClover.fetch });
});
afterAll(async () => {
  await server?.close();
});

describe("Stripe 2024-06-20 client against the reference server", () => {
  it("coupons: create (form body with metadata) then retrieve", async () => {
    const coupon = await stripe.coupons.create({ percent_off: 25.5, duration: "repeating", duration_in_months: 3, metadata: { campaign: "spring" } });
    expect(coupon).toMatchObject({ object: "coupon", percent_off: 25.5, duration: "repeating", duration_in_months: 3, metadata: { campaign: "spring" } });
    await expect(stripe.coupons.retrieve(coupon.id)).resolves.toEqual(coupon);
  });

  it("promotion codes: create, retrieve, update (metadata unset per key and whole), with nested restrictions", async () => {
    const coupon = await stripe.coupons.create({ amount_off: 500, currency: "usd", duration: "once" });
    const code = await stripe.promotionCodes.create({
      coupon: coupon.id,
      code: "SPRING25",
      max_redemptions: 10,
      metadata: { order_id: "6735", channel: "email" },
      restrictions: { first_time_transaction: true, minimum_amount: 1000, minimum_amount_currency: "usd" },
    });
    expect(code).toMatchObject({ object: "promotion_code", code: "SPRING25", active: true, max_redemptions: 10, coupon: { id: coupon.id } });
    expect(code.restrictions).toMatchObject({ first_time_transaction: true, minimum_amount: 1000, minimum_amount_currency: "usd" });
    await expect(stripe.promotionCodes.retrieve(code.id)).resolves.toEqual(code);
    const oneKey = await stripe.promotionCodes.update(code.id, { metadata: { channel: "" }, active: false });
    expect(oneKey).toMatchObject({ active: false, metadata: { order_id: "6735" } });
    expect(oneKey.metadata).not.toHaveProperty("channel");
    const cleared = await stripe.promotionCodes.update(code.id, { metadata: "" });
    expect(cleared.metadata).toEqual({});
  });

  it("list: for await pages through more than 3 pages with starting_after; filters are sent", async () => {
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: "forever" });
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await stripe.promotionCodes.create({ coupon: coupon.id, code: `PAGE${i}` })).id);
    const pages = [];
    for await (const page of stripe.promotionCodes.list({ coupon: coupon.id, limit: 2 }).pages()) pages.push(page.data.map((c) => c.id));
    expect(pages.length).toBe(4);
    const seen: string[] = [];
    for await (const c of stripe.promotionCodes.list({ coupon: coupon.id, limit: 2 })) seen.push(c.id);
    expect(seen).toEqual(pages.flat());
    expect([...seen].sort()).toEqual([...made].sort());
    const first = await stripe.promotionCodes.list({ code: "PAGE3" });
    expect(first.data.map((c) => c.code)).toEqual(["PAGE3"]);
  });

  it("errors: 404 with the typed body and Request-Id, 400 for a bad parameter, 401 for a bad key", async () => {
    const missing = await stripe.promotionCodes.retrieve("promo_missing").catch((e: unknown) => e);
    expect(v2024.isApiError(missing)).toBe(true);
    const error = missing as v2024.GetPromotionCodesPromotionCodeError;
    expect(error.status).toBe(404);
    expect(error.body?.error).toMatchObject({ type: "invalid_request_error", code: "resource_missing" });
    expect(error.requestId).toMatch(/^req_/);
    await expect(stripe.promotionCodes.list({ limit: 500 })).rejects.toMatchObject({ status: 400, body: { error: { type: "invalid_request_error", param: "limit" } } });
    const anonymous = v2024.createClient({ baseUrl: server.url, apiKey: "sk_test_invalid" });
    await expect(anonymous.coupons.retrieve("x")).rejects.toMatchObject({ status: 401, body: { error: { type: "invalid_request_error" } } });
  });

  it("an Idempotency-Key given twice replays the first result", async () => {
    const coupon = await stripe.coupons.create({ percent_off: 5, duration: "once" });
    const a = await stripe.promotionCodes.create({ coupon: coupon.id, code: "ONCE1" }, { idempotencyKey: "client-test-once" });
    const b = await stripe.promotionCodes.create({ coupon: coupon.id, code: "ONCE1" }, { idempotencyKey: "client-test-once" });
    expect(b.id).toBe(a.id);
  });

  it("coupons list, update, delete; customers create and retrieve", async () => {
    const coupon = await stripe.coupons.create({ amount_off: 300, currency: "usd", applies_to: { products: ["prod_A"] }, currency_options: { eur: { amount_off: 280 } } });
    const listed = await stripe.coupons.list({ limit: 1 });
    expect(listed.data.map((c) => c.id)).toEqual([coupon.id]);
    await expect(stripe.coupons.update(coupon.id, { name: "Renamed" })).resolves.toMatchObject({ name: "Renamed" });
    await expect(stripe.coupons.del(coupon.id)).resolves.toEqual({ id: coupon.id, object: "coupon", deleted: true });
    const customer = await stripe.customers.create({ email: "client@example.com" });
    await expect(stripe.customers.retrieve(customer.id)).resolves.toEqual(customer);
  });

  it("covered every operation of the API", () => {
    expect([...cov2024.covered].sort()).toEqual(Object.keys(v2024.api.operations).sort());
  });
});

describe("Stripe 2025-09-30.clover client against the same server (Stripe-Version picks the shape)", () => {
  it("coupons: create and retrieve", async () => {
    const coupon = await cloverClient.coupons.create({ percent_off: 15, duration: "once", name: "Clover 15" });
    await expect(cloverClient.coupons.retrieve(coupon.id)).resolves.toMatchObject({ id: coupon.id, name: "Clover 15" });
  });

  it("promotion codes: `promotion` instead of `coupon`, dashes in codes; retrieve, update, list", async () => {
    const coupon = await cloverClient.coupons.create({ percent_off: 20, duration: "once" });
    const code = await cloverClient.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "SPRING-25", metadata: { k: "v" } });
    expect(code).toMatchObject({ code: "SPRING-25", promotion: { type: "coupon", coupon: coupon.id }, metadata: { k: "v" } });
    expect(code).not.toHaveProperty("coupon");
    await expect(cloverClient.promotionCodes.retrieve(code.id)).resolves.toEqual(code);
    await expect(cloverClient.promotionCodes.update(code.id, { metadata: { k: "" } })).resolves.toMatchObject({ metadata: {} });
    const listed = await cloverClient.promotionCodes.list({ code: "SPRING-25" });
    expect(listed.data.map((c) => c.id)).toEqual([code.id]);
    // The 2024-06-20 client sees the same code in its own version's shape.
    const old = await stripe.promotionCodes.retrieve(code.id);
    expect(old.coupon.id).toBe(coupon.id);
  });

  it("a typed 404 error", async () => {
    await expect(cloverClient.coupons.retrieve("nope")).rejects.toMatchObject({ status: 404, body: { error: { code: "resource_missing" } } });
  });

  it("coupons list, update, delete; customers create and retrieve", async () => {
    const coupon = await cloverClient.coupons.create({ percent_off: 30 });
    expect((await cloverClient.coupons.list({ limit: 1 })).data.map((c) => c.id)).toEqual([coupon.id]);
    await expect(cloverClient.coupons.update(coupon.id, { metadata: { k: "v" } })).resolves.toMatchObject({ metadata: { k: "v" } });
    await expect(cloverClient.coupons.del(coupon.id)).resolves.toMatchObject({ deleted: true });
    const customer = await cloverClient.customers.create({ name: "Clover" });
    await expect(cloverClient.customers.retrieve(customer.id)).resolves.toMatchObject({ id: customer.id, name: "Clover" });
  });

  it("covered every operation of the API", () => {
    expect([...covClover.covered].sort()).toEqual(Object.keys(clover.api.operations).sort());
  });
});
