import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { TEST_KEYS } from "../../reference/index.js";
import { startChecked } from "./helpers/client.js";
import type { RunningReference } from "../../reference/index.js";

// Stripe's official Node SDK, unchanged apart from host, port and protocol, against the reference.
let server: RunningReference;
let logs: string[];
let stripe: Stripe;

beforeAll(async () => {
  ({ server, logs } = await startChecked("stripe"));
  const url = new URL(server.url);
  stripe = new Stripe(TEST_KEYS.stripe, { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 1 });
});
afterAll(async () => {
  await server?.close();
  expect(logs).toEqual([]);
});

describe("stripe-node against the Stripe reference", () => {
  it("creates a coupon and promotion codes, retrieves, updates and lists them", async () => {
    const coupon = await stripe.coupons.create({ percent_off: 25.5, duration: "repeating", duration_in_months: 3 });
    expect(coupon.object).toBe("coupon");
    const code = await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "SDK-SPRING", metadata: { order_id: "6735" } });
    expect(code).toMatchObject({ object: "promotion_code", code: "SDK-SPRING", promotion: { type: "coupon", coupon: coupon.id } });
    expect(code.lastResponse.requestId).toMatch(/^req_/);
    // the SDK's pinned version is a later named version: served with the newest shapes, and echoed
    expect(code.lastResponse.apiVersion).toBe("2025-09-30.clover");
    expect((await stripe.promotionCodes.retrieve(code.id)).id).toBe(code.id);
    const updated = await stripe.promotionCodes.update(code.id, { active: false, metadata: { order_id: "" } });
    expect(updated).toMatchObject({ active: false, metadata: {} });
    for (let i = 0; i < 4; i++) await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id } });
    const seen: string[] = [];
    for await (const item of stripe.promotionCodes.list({ limit: 2 })) seen.push(item.id);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("raises the SDK's typed errors from the reference's error bodies", async () => {
    const missing = await stripe.promotionCodes.retrieve("promo_missing").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
    const bad = new Stripe("sk_test_short", { host: new URL(server.url).hostname, port: Number(new URL(server.url).port), protocol: "http" });
    const auth = await bad.coupons.create({ percent_off: 5 }).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("retries with the same Idempotency-Key and gets the stored result back", async () => {
    const coupon = await stripe.coupons.create({ percent_off: 5 });
    const first = await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "SDK-IDEM" }, { idempotencyKey: "sdk-idem-1" });
    const again = await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "SDK-IDEM" }, { idempotencyKey: "sdk-idem-1" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
  });

  it("works with the 2024-06-20 shapes when the SDK asks for that version", async () => {
    const old = new Stripe(TEST_KEYS.stripe, { apiVersion: "2024-06-20" as never, host: new URL(server.url).hostname, port: Number(new URL(server.url).port), protocol: "http" });
    const coupon = await old.coupons.create({ percent_off: 5 });
    const code = (await old.promotionCodes.create({ coupon: coupon.id } as never)) as unknown as { coupon: { id: string } };
    expect(code.coupon.id).toBe(coupon.id);
    expect(coupon.lastResponse.apiVersion).toBe("2024-06-20");
  });

  it("lists coupons with auto-pagination, updates and deletes one", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await stripe.coupons.create({ percent_off: 5 + i, metadata: { sdk_batch: "1" } })).id);
    const seen: string[] = [];
    for await (const coupon of stripe.coupons.list({ limit: 2 })) if (ids.has(coupon.id)) seen.push(coupon.id);
    expect(new Set(seen)).toEqual(ids);
    const [first] = [...ids];
    expect((await stripe.coupons.update(first!, { name: "Renamed" })).name).toBe("Renamed");
    const deleted = await stripe.coupons.del(first!);
    expect(deleted).toMatchObject({ id: first, deleted: true });
    await expect(stripe.coupons.retrieve(first!)).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("creates a customer, restricts a code to it and expands it", async () => {
    const customer = await stripe.customers.create({ email: "sdk@example.com", name: "SDK Customer" });
    expect(customer.id).toMatch(/^cus_/);
    const coupon = await stripe.coupons.create({ percent_off: 5 });
    const code = await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, customer: customer.id });
    const expanded = await stripe.promotionCodes.retrieve(code.id, { expand: ["customer"] });
    expect(expanded.customer).toMatchObject({ id: customer.id, object: "customer", email: "sdk@example.com" });
    const missing = await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, customer: "cus_NoSuchOne" }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 400, code: "resource_missing", param: "customer", message: "No such customer: 'cus_NoSuchOne'" });
  });
});
