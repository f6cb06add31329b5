import { randomFillSync } from "node:crypto";

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const UPPER_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * Random bytes drawn from the CSPRNG a pool at a time: one randomFillSync per 4 KiB instead of one
 * per id. Each byte is handed out once, then the pool is refilled.
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let next = POOL_BYTES;

function randomByte(): number {
  if (next === POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]!;
}

/** Where ids are assembled, one byte per character (ids are ASCII): then read as one flat string. */
const scratch = Buffer.allocUnsafe(256);

/** `prefix` + `length` random characters from `alphabet` (rejection sampling: no modulo bias), as one flat string. */
function randomId(prefix: string, length: number, alphabet: string): string {
  const size = alphabet.length;
  if (size < 1 || size > 256) throw new RangeError(`an alphabet of ${size} characters cannot be sampled from bytes`);
  const end = prefix.length + length;
  if (end > scratch.length) return prefix + randomString(length, alphabet);
  // bytes at or above `limit` would favour the first 256 % size characters: they are drawn again
  const limit = 256 - (256 % size);
  scratch.write(prefix, 0, "latin1");
  let at = prefix.length;
  while (at < end) {
    const byte = randomByte();
    if (byte < limit) scratch[at++] = alphabet.charCodeAt(byte % size);
  }
  // a flat string: a template literal (`promo_${…}`) would build a rope, flattened again by every Map lookup
  return scratch.toString("latin1", 0, end);
}

/** `length` random characters from `alphabet` (rejection sampling: no modulo bias). */
export function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  if (length <= scratch.length && /^[\x00-\xff]*$/.test(alphabet)) return randomId("", length, alphabet);
  const size = alphabet.length;
  if (size < 1 || size > 256) throw new RangeError(`an alphabet of ${size} characters cannot be sampled from bytes`);
  const limit = 256 - (256 % size);
  const codes: number[] = [];
  while (codes.length < length) {
    const byte = randomByte();
    if (byte < limit) codes.push(alphabet.charCodeAt(byte % size));
  }
  return String.fromCharCode(...codes);
}

/** Stripe-style ids: `req_` + 14, `promo_` + 24, coupons 8 characters. */
export const stripeIds = {
  request: (): string => randomId("req_", 14, ALPHANUMERIC),
  promotionCode: (): string => randomId("promo_", 24, ALPHANUMERIC),
  coupon: (): string => randomId("", 8, ALPHANUMERIC),
  customer: (): string => randomId("cus_", 14, ALPHANUMERIC),
  /** generated customer-facing codes: 8 upper-case letters and digits */
  code: (): string => randomId("", 8, UPPER_ALPHANUMERIC),
};

/** Smartpay-style ids (test mode): `coupon_test_…`, `promotioncode_test_…`. */
export const smartpayIds = {
  coupon: (): string => randomId("coupon_test_", 22, ALPHANUMERIC),
  promotionCode: (): string => randomId("promotioncode_test_", 22, ALPHANUMERIC),
};
