import { afterAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { IDEMPOTENCY_TTL_MS, MemoryIdempotencyStore } from "../../reference/idempotency.js";
import { TEST_KEYS } from "../../reference/index.js";
import { buildSmartpayApp } from "../../reference/smartpay/app.js";
import { buildStripeApp } from "../../reference/stripe/app.js";

// Stored Idempotency-Key responses expire after 24 hours and are bounded per account; the clock is
// injected, so nothing sleeps.
const HOUR = 60 * 60 * 1000;
const record = (body: unknown) => ({ fingerprint: "f", endpoint: "/v1/coupons", status: 200, body });

function clock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe("MemoryIdempotencyStore", () => {
  it("keeps a record for 24 hours and forgets it after", () => {
    const time = clock();
    const store = new MemoryIdempotencyStore({ now: time.now });
    store.save("acct", "k1", record({ id: "a" }));
    time.advance(IDEMPOTENCY_TTL_MS - 1);
    expect(store.get("acct", "k1")?.body).toEqual({ id: "a" });
    time.advance(1);
    expect(store.get("acct", "k1")).toBeUndefined();
    expect(store.size("acct")).toBe(0);
  });

  it("drops expired records when new ones arrive, so a long run does not grow", () => {
    const time = clock();
    const store = new MemoryIdempotencyStore({ now: time.now });
    for (let i = 0; i < 50; i++) store.save("acct", `old-${i}`, record(i));
    time.advance(25 * HOUR);
    store.save("acct", "new", record("new"));
    expect(store.size("acct")).toBe(1);
  });

  it("keeps at most maxPerAccount records per account, dropping the oldest", () => {
    const store = new MemoryIdempotencyStore({ maxPerAccount: 3 });
    for (const key of ["a", "b", "c", "d"]) store.save("acct", key, record(key));
    expect(store.get("acct", "a")).toBeUndefined();
    expect(["b", "c", "d"].map((k) => store.get("acct", k)?.body)).toEqual(["b", "c", "d"]);
    store.save("other", "a", record("other"));
    expect(store.get("other", "a")?.body).toBe("other");
  });
});

describe("the reference servers forget an Idempotency-Key after 24 hours", () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it("Smartpay: a retry within 24 hours replays the coupon, a reuse after creates a new one", async () => {
    const time = clock();
    const app = buildSmartpayApp({ idempotency: new MemoryIdempotencyStore({ now: time.now }) });
    apps.push(app);
    const create = async () =>
      (
        await app.inject({
          method: "POST",
          url: "/v1/coupons",
          headers: { authorization: `Basic ${Buffer.from(`${TEST_KEYS.smartpay}:`).toString("base64")}`, "idempotency-key": "day-key" },
          payload: { name: "5% off", discountType: "percentage", discountPercentage: 5 },
        })
      ).json().id as string;
    const first = await create();
    time.advance(23 * HOUR);
    expect(await create()).toBe(first);
    time.advance(2 * HOUR);
    expect(await create()).not.toBe(first);
  });

  it("Stripe: the same, with Idempotent-Replayed only within 24 hours", async () => {
    const time = clock();
    const app = buildStripeApp({ idempotency: new MemoryIdempotencyStore({ now: time.now }) });
    apps.push(app);
    const create = () =>
      app.inject({
        method: "POST",
        url: "/v1/coupons",
        headers: { authorization: `Bearer ${TEST_KEYS.stripe}`, "idempotency-key": "day-key", "content-type": "application/x-www-form-urlencoded" },
        payload: "percent_off=5",
      });
    const first = await create();
    time.advance(23 * HOUR);
    const replay = await create();
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().id).toBe(first.json().id);
    time.advance(2 * HOUR);
    const later = await create();
    expect(later.headers["idempotent-replayed"]).toBeUndefined();
    expect(later.json().id).not.toBe(first.json().id);
  });
});
