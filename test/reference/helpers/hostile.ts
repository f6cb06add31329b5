import { TEST_KEYS } from "../../../reference/index.js";

/** mulberry32: a small seeded PRNG, so every run sends the same requests. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HostileRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const WEIRD_VALUES = ["", "-1", "1e309", "NaN", "true", "null", "[]", "{}", "0x10", "9".repeat(400), "\u0000", "%00", "💥", "a".repeat(6000)];

/** One hostile request for `api` ("stripe" form bodies, "smartpay" JSON bodies). */
export function hostileRequest(rand: () => number, api: "stripe" | "smartpay"): HostileRequest {
  const stripe = api === "stripe";
  const key = stripe ? TEST_KEYS.stripe : TEST_KEYS.smartpay;
  const auth = stripe ? `Bearer ${key}` : `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
  const paths = stripe
    ? ["/v1/promotion_codes", "/v1/promotion_codes/promo_x", "/v1/coupons", "/v1/coupons/abc"]
    : ["/v1/promotion-codes", "/v1/promotion-codes/x", "/v1/coupons", "/v1/coupons/x"];
  const path = pick(rand, paths);
  const fields = stripe
    ? ["coupon", "code", "metadata", "restrictions", "expires_at", "max_redemptions", "active", "expand", "promotion", "percent_off", "limit"]
    : ["coupon", "code", "metadata", "minimumAmount", "currency", "maxRedemptionCount", "active", "discountType"];
  const field = pick(rand, fields);
  const mediaType = stripe ? "application/x-www-form-urlencoded" : "application/json";
  const base = { method: "POST", path, headers: { authorization: auth, "content-type": mediaType } as Record<string, string> };
  const patchMethod = !stripe && path.includes("promotion-codes/") ? "PATCH" : "POST";
  const kinds: Record<string, () => HostileRequest> = {
    wrongType: () => ({ ...base, method: patchMethod, kind: "wrongType", body: stripe ? `${field}=${encodeURIComponent(pick(rand, WEIRD_VALUES))}&${field}[x]=1` : JSON.stringify({ [field]: pick(rand, [[], {}, 1.5, "x", null, true, -1]) }) }),
    deepNesting: () => {
      const depth = 5 + Math.floor(rand() * 3000);
      const body = stripe ? `metadata${"[a]".repeat(depth)}=1` : `${"[".repeat(depth)}${"]".repeat(depth)}`;
      return { ...base, method: patchMethod, kind: "deepNesting", body };
    },
    hugeBody: () => ({ ...base, kind: "hugeBody", body: stripe ? `code=${"A".repeat(1_100_000 + Math.floor(rand() * 1000))}` : JSON.stringify({ code: "A".repeat(1_100_000) }) }),
    manyParams: () => ({ ...base, kind: "manyParams", body: Array.from({ length: 1500 }, (_, i) => `metadata[k${i}]=v`).join("&") }),
    badEncoding: () => ({ ...base, kind: "badEncoding", body: Uint8Array.from([0x63, 0x6f, 0x64, 0x65, 0x3d, 0xff, 0xfe, 0x25, 0x7a, 0x7a, 0xc3, 0x28]) }),
    badPathEncoding: () => ({ ...base, method: "GET", kind: "badPathEncoding", path: `${paths[1]}%zz%E0%A4%A`, body: undefined }),
    pollution: () => ({
      ...base,
      kind: "pollution",
      body: stripe ? pick(rand, ["__proto__[admin]=1", "constructor[prototype][admin]=1", "metadata[__proto__][x]=1", "coupon[__proto__]=1"]) : pick(rand, ['{"__proto__":{"admin":1}}', '{"constructor":{"prototype":{"a":1}}}', '{"metadata":{"__proto__":{"x":"1"}}}']),
    }),
    oddContentType: () => ({
      ...base,
      kind: "oddContentType",
      headers: { ...base.headers, "content-type": pick(rand, ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "*/*", "application/x-www-form-urlencoded; charset=latin1", stripe ? "application/json" : "application/x-www-form-urlencoded"]) },
      body: pick(rand, ["coupon=x", '{"coupon":"x"}', "<a/>", "--x\r\n"]),
    }),
    badKey: () => ({
      ...base,
      method: pick(rand, ["GET", "POST"]),
      kind: "badKey",
      headers: { "content-type": mediaType, authorization: pick(rand, ["Bearer ", "Bearer sk_live_x", "Basic !!!", "Basic " + Buffer.from(":").toString("base64"), "Digest abc", "Bearer sk_test_" + "x".repeat(3000), "bearer"]) },
      body: stripe ? "coupon=x" : '{"coupon":"x","code":"Y"}',
    }),
    badQuery: () => ({
      ...base,
      method: "GET",
      kind: "badQuery",
      path: `${paths[0]}?${pick(rand, ["limit=-5", "limit[a]=1", "expand=", "created[gt][x]=1", "a[b][c][d][e][f][g][h][i][j]=1", "starting_after[]=x", "%zz=1", "maxResults=abc", "pageToken=%00"])}`,
      body: undefined,
    }),
  };
  const kind = pick(rand, Object.keys(kinds));
  const request = kinds[kind]!();
  if (request.body === undefined) delete request.headers["content-type"];
  return request;
}
