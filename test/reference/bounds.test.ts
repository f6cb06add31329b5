import { afterAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { MemoryIdempotencyStore } from "../../reference/idempotency.js";
import { TEST_KEYS } from "../../reference/index.js";
import { buildSmartpayApp } from "../../reference/smartpay/app.js";
import { MemorySmartpayStore } from "../../reference/smartpay/store.js";
import { buildStripeApp } from "../../reference/stripe/app.js";
import { MemoryStripeStore } from "../../reference/stripe/store.js";
import { seedSmartpay, seedStripe } from "./helpers/seed.js";

// issue 14 #8: the reference servers are bounded. A list costs O(limit) (counted in records looked
// at, never in wall time), stores are bounded per key and in total, and reads create nothing.
const apps: FastifyInstance[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});
const KEY = TEST_KEYS.stripe;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` });

function stripeApp(store: MemoryStripeStore, idempotency?: MemoryIdempotencyStore): FastifyInstance {
  const app = buildStripeApp({ store, checkResponses: true, ...(idempotency ? { idempotency } : {}) });
  apps.push(app);
  return app;
}

async function get(app: FastifyInstance, url: string, key: string = KEY, version = "2024-06-20") {
  const res = await app.inject({ method: "GET", url, headers: { ...auth(key), "stripe-version": version } });
  return { status: res.statusCode, body: res.json() };
}

async function post(app: FastifyInstance, url: string, form: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: "POST", url, payload: form, headers: { ...auth(KEY), "content-type": "application/x-www-form-urlencoded", ...headers } });
  return { status: res.statusCode, body: res.json() };
}

/** records a Stripe list touches, for stores of 1,000 and 20,000 codes */
async function stripeListCost(url: (ids: string[]) => string): Promise<{ small: number; large: number; pageLength: number }> {
  const costs: number[] = [];
  let pageLength = 0;
  for (const count of [1_000, 20_000]) {
    const store = new MemoryStripeStore();
    const ids = seedStripe(store, KEY, count, { coupons: ["couponA", "couponB"] }).map((c) => c.id);
    const app = stripeApp(store);
    const before = store.touched;
    const res = await get(app, url(ids));
    expect(res.status).toBe(200);
    pageLength = res.body.data.length;
    costs.push(store.touched - before);
  }
  return { small: costs[0]!, large: costs[1]!, pageLength };
}

describe("Stripe reference lists cost O(limit)", () => {
  const cases: [string, (ids: string[]) => string][] = [
    ["the newest page", () => "/v1/promotion_codes?limit=10"],
    ["a page after a cursor in the middle", (ids) => `/v1/promotion_codes?limit=10&starting_after=${ids[Math.floor(ids.length / 2)]}`],
    ["a page before a cursor", (ids) => `/v1/promotion_codes?limit=10&ending_before=${ids[5]}`],
    ["one coupon's codes", () => "/v1/promotion_codes?limit=10&coupon=couponB"],
    ["one code's text, in another case", () => "/v1/promotion_codes?code=seed7"],
    ["a created range", () => "/v1/promotion_codes?limit=10&created[gte]=1700000003&created[lt]=1700000004"],
    ["active=true", () => "/v1/promotion_codes?limit=10&active=true"],
  ];
  it.each(cases)("%s touches the same few records with 1,000 or 20,000 codes stored", async (_name, url) => {
    const { small, large, pageLength } = await stripeListCost(url);
    expect(pageLength).toBeGreaterThan(0);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(11);
  });

  it("still finds the right page through the indexes", async () => {
    const store = new MemoryStripeStore();
    const ids = seedStripe(store, KEY, 300, { coupons: ["couponA", "couponB"] }).map((c) => c.id);
    const app = stripeApp(store);
    const byCoupon = await get(app, `/v1/promotion_codes?limit=3&coupon=couponB&starting_after=${ids[201]}`);
    expect(byCoupon.body.data.map((c: { id: string }) => c.id)).toEqual([ids[199], ids[197], ids[195]]);
    const created = await get(app, "/v1/promotion_codes?limit=100&created[gte]=1700000001&created[lte]=1700000001");
    expect(created.body.data).toHaveLength(100);
    expect(created.body.data[0].id).toBe(ids[199]);
    expect(created.body.has_more).toBe(false);
    const before = await get(app, `/v1/promotion_codes?limit=2&ending_before=${ids[10]}`);
    expect(before.body.data.map((c: { id: string }) => c.id)).toEqual([ids[12], ids[11]]);
  });
});

describe("Stripe coupon lists cost O(limit)", () => {
  it("touches the same few coupons with 1,000 or 20,000 stored, deleted ones aside", async () => {
    const costs: number[] = [];
    for (const count of [1_000, 20_000]) {
      const store = new MemoryStripeStore();
      seedStripe(store, KEY, 0, { coupons: Array.from({ length: count }, (_, i) => `coupon${String(i).padStart(6, "0")}`) });
      const app = stripeApp(store);
      const before = store.touched;
      const res = await get(app, `/v1/coupons?limit=10&starting_after=coupon${String(count / 2).padStart(6, "0")}`);
      expect(res.body.data[0].id).toBe(`coupon${String(count / 2 - 1).padStart(6, "0")}`);
      costs.push(store.touched - before);
    }
    expect(costs[1]).toBe(costs[0]);
    expect(costs[1]).toBeLessThanOrEqual(11);
  });
});

describe("Smartpay reference is indexed", () => {
  it("pages in O(maxResults) with 1,000 or 20,000 codes stored", async () => {
    const costs: number[] = [];
    for (const count of [1_000, 20_000]) {
      const store = new MemorySmartpayStore();
      const codes = seedSmartpay(store, KEY, count);
      const app = buildSmartpayApp({ store, checkResponses: true });
      apps.push(app);
      const token = Buffer.from(codes[Math.floor(count / 2)]!.id).toString("base64url");
      const before = store.touched;
      const res = await app.inject({ method: "GET", url: `/v1/promotion-codes?maxResults=10&pageToken=${token}`, headers: basic(KEY) });
      expect(res.statusCode).toBe(200);
      expect(res.json().data[0].id).toBe(codes[Math.floor(count / 2) - 1]!.id);
      costs.push(store.touched - before);
    }
    expect(costs[1]).toBe(costs[0]);
    expect(costs[1]).toBeLessThanOrEqual(11);
  });

  it("refuses a code already used in another case, with 20,000 codes stored", async () => {
    const store = new MemorySmartpayStore();
    seedSmartpay(store, KEY, 20_000);
    const app = buildSmartpayApp({ store, checkResponses: true });
    apps.push(app);
    const res = await app.inject({ method: "POST", url: "/v1/promotion-codes", payload: { coupon: "coupon_test_seed", code: "seed19999" }, headers: basic(KEY) });
    expect(res.statusCode).toBe(409);
    expect(res.json().errorCode).toBe("promotion-code.exists");
  });
});

describe("limits per key and in total", () => {
  it("Stripe: past one key's limit a create is a 400, past the keys or the total a 429 rate_limit", async () => {
    const perKey = stripeApp(new MemoryStripeStore({ objectsPerAccount: 2 }));
    expect((await post(perKey, "/v1/coupons", "percent_off=5&id=c1")).status).toBe(200);
    expect((await post(perKey, "/v1/promotion_codes", "coupon=c1")).status).toBe(200);
    const refused = await post(perKey, "/v1/promotion_codes", "coupon=c1");
    expect(refused.status).toBe(400);
    expect(refused.body.error.type).toBe("invalid_request_error");
    expect(refused.body.error.message).toContain("as many objects as the reference server keeps for one key");

    const oneKey = stripeApp(new MemoryStripeStore({ accounts: 1 }));
    expect((await post(oneKey, "/v1/coupons", "percent_off=5")).status).toBe(200);
    const other = await oneKey.inject({ method: "POST", url: "/v1/coupons", payload: "percent_off=5", headers: { ...auth(TEST_KEYS.stripeOther), "content-type": "application/x-www-form-urlencoded" } });
    expect(other.statusCode).toBe(429);
    expect(other.json().error).toMatchObject({ type: "invalid_request_error", code: "rate_limit" });

    const total = stripeApp(new MemoryStripeStore({ objectsTotal: 1 }));
    expect((await post(total, "/v1/coupons", "percent_off=5")).status).toBe(200);
    expect((await post(total, "/v1/coupons", "percent_off=5")).status).toBe(429);
  });

  it("Smartpay: the same limits, in its error shape", async () => {
    const app = buildSmartpayApp({ store: new MemorySmartpayStore({ objectsPerAccount: 1 }), checkResponses: true });
    apps.push(app);
    const create = () => app.inject({ method: "POST", url: "/v1/coupons", payload: { name: "x", discountType: "percentage", discountPercentage: 5 }, headers: basic(KEY) });
    expect((await create()).statusCode).toBe(200);
    const refused = await create();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errorCode).toBe("request.invalid");
    const oneKey = buildSmartpayApp({ store: new MemorySmartpayStore({ accounts: 1 }), checkResponses: true });
    apps.push(oneKey);
    const payload = { name: "x", discountType: "percentage", discountPercentage: 5 };
    expect((await oneKey.inject({ method: "POST", url: "/v1/coupons", payload, headers: basic(KEY) })).statusCode).toBe(200);
    const other = await oneKey.inject({ method: "POST", url: "/v1/coupons", payload, headers: basic(TEST_KEYS.smartpayOther) });
    expect(other.statusCode).toBe(429);
    expect(other.json()).toMatchObject({ statusCode: 429, errorCode: "request.rate-limited" });
  });

  it("Idempotency-Key records: a full store refuses new keys with 429 and still replays stored ones", async () => {
    const idempotency = new MemoryIdempotencyStore({ maxTotal: 1 });
    const app = stripeApp(new MemoryStripeStore(), idempotency);
    const first = await post(app, "/v1/coupons", "percent_off=5", { "idempotency-key": "k1" });
    expect(first.status).toBe(200);
    const full = await post(app, "/v1/coupons", "percent_off=5", { "idempotency-key": "k2" });
    expect(full.status).toBe(429);
    expect(full.body.error.code).toBe("rate_limit");
    const replay = await post(app, "/v1/coupons", "percent_off=5", { "idempotency-key": "k1" });
    expect(replay.body.id).toBe(first.body.id);
    expect(idempotency.totalSize).toBe(1);
  });

  it("Idempotency-Key records: at most maxAccounts keys hold records", () => {
    const store = new MemoryIdempotencyStore({ maxAccounts: 1 });
    store.save("a", "k", { fingerprint: "f", endpoint: "/", status: 200, body: {} });
    expect(store.hasRoom("a")).toBe(true);
    expect(store.hasRoom("b")).toBe(false);
  });
});

describe("reads by an unknown key create no state", () => {
  it("Stripe: lists, retrieves and a bad cursor by 50 new keys leave the store empty", async () => {
    const store = new MemoryStripeStore();
    const idempotency = new MemoryIdempotencyStore();
    const app = stripeApp(store, idempotency);
    for (let i = 0; i < 50; i++) {
      const key = `sk_test_readonlykey${i}xxxxx`;
      expect((await get(app, "/v1/promotion_codes", key)).status).toBe(200);
      expect((await get(app, "/v1/promotion_codes?starting_after=promo_x", key)).status).toBe(400);
      expect((await get(app, "/v1/promotion_codes/promo_x", key)).status).toBe(404);
      expect((await get(app, "/v1/coupons/nothing", key)).status).toBe(404);
    }
    expect(store.accountCount).toBe(0);
    expect(idempotency.totalSize).toBe(0);
  });

  it("Smartpay: the same", async () => {
    const store = new MemorySmartpayStore();
    const app = buildSmartpayApp({ store, checkResponses: true });
    apps.push(app);
    for (let i = 0; i < 20; i++) {
      const headers = basic(`sk_test_readonlykey${i}xxxxx`);
      expect((await app.inject({ method: "GET", url: "/v1/promotion-codes", headers })).statusCode).toBe(200);
      expect((await app.inject({ method: "GET", url: "/v1/coupons/coupon_test_x", headers })).statusCode).toBe(404);
    }
    expect(store.accountCount).toBe(0);
  });
});
