/** The generated Smartpay client (JSON bodies, its own errors, token pagination) against the reference server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReference, TEST_KEYS, type RunningReference } from "../../reference/index.js";
import * as smartpay from "../../generated/smartpay-v1/client.js";
import { coverageFetch } from "./support.js";

let server: RunningReference;
const coverage = coverageFetch(smartpay.api.operations);
let client: smartpay.Client;

beforeAll(async () => {
  server = await startReference("smartpay", { checkResponses: true });
  client = smartpay.createClient({ baseUrl: server.url, apiKey: TEST_KEYS.smartpay, validateResponses: true, maxRetries: 0, fetch: coverage.fetch });
});
afterAll(async () => {
  await server?.close();
});

describe("Smartpay v1 client against the reference server", () => {
  it("coupons: create (JSON body) and retrieve", async () => {
    const coupon = await client.coupons.create({ name: "¥500 off", discountType: "amount", discountAmount: 500, currency: "JPY", metadata: { campaign: "spring" } });
    expect(coupon).toMatchObject({ object: "coupon", discountType: "amount", discountAmount: 500, currency: "JPY", metadata: { campaign: "spring" }, test: true });
    await expect(client.coupons.retrieve(coupon.id)).resolves.toEqual(coupon);
  });

  it("promotion codes: create, retrieve (and expand=all), update with PATCH", async () => {
    const coupon = await client.coupons.create({ name: "10%", discountType: "percentage", discountPercentage: 10 });
    const code = await client.promotionCodes.create({ coupon: coupon.id, code: "SPRING25", onePerCustomer: true, metadata: { order_id: "6735" } });
    expect(code).toMatchObject({ object: "promotionCode", code: "SPRING25", coupon: coupon.id, onePerCustomer: true, metadata: { order_id: "6735" } });
    await expect(client.promotionCodes.retrieve(code.id)).resolves.toEqual(code);
    await expect(client.promotionCodes.retrieve(code.id, { expand: "all" })).resolves.toMatchObject({ coupon: { id: coupon.id, object: "coupon" } });
    const updated = await client.promotionCodes.update(code.id, { active: false, metadata: { order_id: "7000" } });
    expect(updated).toMatchObject({ active: false, metadata: { order_id: "7000" } });
  });

  it("list: for await follows pageToken / nextPageToken through more than 3 pages", async () => {
    const coupon = await client.coupons.create({ name: "pages", discountType: "percentage", discountPercentage: 5 });
    const made = new Set<string>();
    for (let i = 0; i < 7; i++) made.add((await client.promotionCodes.create({ coupon: coupon.id, code: `SPPAGE${i}` })).id);
    const pages: string[][] = [];
    for await (const page of client.promotionCodes.list({ maxResults: 2 }).pages()) pages.push(page.data.map((c) => c.id));
    expect(pages.length).toBeGreaterThan(3);
    const ids: string[] = [];
    for await (const c of client.promotionCodes.list({ maxResults: 2 })) ids.push(c.id);
    expect(ids).toEqual(pages.flat());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of made) expect(ids).toContain(id);
    const first = await client.promotionCodes.list({ maxResults: 2 });
    expect(first).toMatchObject({ object: "collection", maxResults: 2, results: 2 });
  });

  it("errors: 404 coupon.not-found, 409 promotion-code.exists, 401, typed", async () => {
    const unknown = await client.promotionCodes.create({ coupon: "coupon_test_missing", code: "NOPE1" }).catch((e: unknown) => e);
    expect(smartpay.isApiError(unknown)).toBe(true);
    const error = unknown as smartpay.CreatePromotionCodeError;
    expect(error.status).toBe(404);
    expect(error.body?.errorCode).toBe("coupon.not-found");
    const coupon = await client.coupons.create({ name: "dup", discountType: "percentage", discountPercentage: 5 });
    await client.promotionCodes.create({ coupon: coupon.id, code: "DUP1" });
    await expect(client.promotionCodes.create({ coupon: coupon.id, code: "DUP1" })).rejects.toMatchObject({ status: 409, body: { statusCode: 409, errorCode: "promotion-code.exists" } });
    const stranger = smartpay.createClient({ baseUrl: server.url });
    await expect(stranger.coupons.retrieve(coupon.id)).rejects.toMatchObject({ status: 401, body: { errorCode: "unauthorized" } });
  });

  it("covered every operation of the API", () => {
    expect([...coverage.covered].sort()).toEqual(Object.keys(smartpay.api.operations).sort());
  });
});
