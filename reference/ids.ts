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

/** `length` random characters from `alphabet` (rejection sampling: no modulo bias). */
export function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  const size = alphabet.length;
  if (size < 1 || size > 256) throw new RangeError(`an alphabet of ${size} characters cannot be sampled from bytes`);
  // bytes at or above `limit` would favour the first 256 % size characters: they are drawn again
  const limit = 256 - (256 % size);
  // character codes gathered first, then one flat string (appending a character at a time builds a rope)
  codes.length = 0;
  while (codes.length < length) {
    const byte = randomByte();
    if (byte < limit) codes.push(alphabet.charCodeAt(byte % size));
  }
  return String.fromCharCode.apply(null, codes);
}

const codes: number[] = [];

/** Stripe-style ids: `req_` + 14, `promo_` + 24, coupons 8 characters. */
export const stripeIds = {
  request: (): string => `req_${randomString(14)}`,
  promotionCode: (): string => `promo_${randomString(24)}`,
  coupon: (): string => randomString(8),
  customer: (): string => `cus_${randomString(14)}`,
  /** generated customer-facing codes: 8 upper-case letters and digits */
  code: (): string => randomString(8, UPPER_ALPHANUMERIC),
};

/** Smartpay-style ids (test mode): `coupon_test_…`, `promotioncode_test_…`. */
export const smartpayIds = {
  coupon: (): string => `coupon_test_${randomString(22)}`,
  promotionCode: (): string => `promotioncode_test_${randomString(22)}`,
};
