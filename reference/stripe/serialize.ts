import type { CouponRecord, CustomerRecord, PromotionCodeRecord } from "./store.js";

export type StripeVersion = "2024-06-20" | "2025-09-30.clover";

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A coupon can still be applied: not past `redeem_by`, not used up. */
export function couponValid(coupon: CouponRecord): boolean {
  if (coupon.deleted) return false;
  if (coupon.redeem_by !== null && coupon.redeem_by <= nowSeconds()) return false;
  return coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions;
}

/** What a read shows as `active`: set active, coupon still valid, not expired, not used up. */
export function effectiveActive(code: PromotionCodeRecord, coupon: CouponRecord | undefined): boolean {
  if (!code.active || !coupon || !couponValid(coupon)) return false;
  if (code.expires_at !== null && code.expires_at <= nowSeconds()) return false;
  return code.max_redemptions === null || code.times_redeemed < code.max_redemptions;
}

export function couponObject(coupon: CouponRecord, expand: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: coupon.id,
    object: "coupon",
    amount_off: coupon.amount_off,
    created: coupon.created,
    currency: coupon.currency,
    duration: coupon.duration,
    duration_in_months: coupon.duration_in_months,
    livemode: false,
    max_redemptions: coupon.max_redemptions,
    metadata: coupon.metadata,
    name: coupon.name,
    percent_off: coupon.percent_off,
    redeem_by: coupon.redeem_by,
    times_redeemed: coupon.times_redeemed,
    valid: couponValid(coupon),
  };
  if (expand.includes("applies_to")) out.applies_to = coupon.applies_to ?? { products: [] };
  if (expand.includes("currency_options")) out.currency_options = coupon.currency_options ?? {};
  return out;
}

/** A customer as Stripe shows it (retrieved, created or expanded). */
export function customerObject(customer: CustomerRecord): Record<string, unknown> {
  return {
    id: customer.id,
    object: "customer",
    created: customer.created,
    description: customer.description,
    email: customer.email,
    livemode: false,
    metadata: customer.metadata,
    name: customer.name,
  };
}

/** Promotion codes in the shape of one API version; `expand` holds paths relative to the code. */
export function promotionCodeObject(
  code: PromotionCodeRecord,
  coupon: CouponRecord,
  version: StripeVersion,
  expand: readonly string[],
  customerOf: (id: string) => CustomerRecord | undefined = () => undefined,
): Record<string, unknown> {
  const restrictions: Record<string, unknown> = {
    first_time_transaction: code.restrictions.first_time_transaction,
    minimum_amount: code.restrictions.minimum_amount,
    minimum_amount_currency: code.restrictions.minimum_amount_currency,
  };
  if (code.restrictions.currency_options) restrictions.currency_options = code.restrictions.currency_options;
  const expanded = code.customer !== null && expand.includes("customer") ? customerOf(code.customer) : undefined;
  const customer = expanded ? customerObject(expanded) : code.customer;
  // Object literals, not spreads: in Node 20, `{ ...a, ...b }` costs tens of µs where a literal costs well under one.
  if (version === "2024-06-20") {
    return {
      id: code.id,
      object: "promotion_code",
      active: effectiveActive(code, coupon),
      code: code.code,
      coupon: couponObject(coupon),
      created: code.created,
      customer,
      expires_at: code.expires_at,
      livemode: false,
      max_redemptions: code.max_redemptions,
      metadata: code.metadata,
      restrictions,
      times_redeemed: code.times_redeemed,
    };
  }
  return {
    id: code.id,
    object: "promotion_code",
    active: effectiveActive(code, coupon),
    code: code.code,
    created: code.created,
    customer,
    expires_at: code.expires_at,
    livemode: false,
    max_redemptions: code.max_redemptions,
    metadata: code.metadata,
    restrictions,
    times_redeemed: code.times_redeemed,
    customer_account: code.customer_account,
    promotion: { type: "coupon", coupon: expand.includes("promotion.coupon") ? couponObject(coupon) : coupon.id },
  };
}

/** Which expand paths each version accepts on a promotion code. */
export function expandablePaths(version: StripeVersion): string[] {
  return version === "2024-06-20" ? ["coupon", "customer"] : ["customer", "promotion.coupon"];
}
