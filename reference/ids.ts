import { randomBytes } from "node:crypto";

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const UPPER_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** `length` random characters from `alphabet` (rejection sampling: no modulo bias). */
export function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

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
