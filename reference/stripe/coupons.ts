import { stripeIds } from "../ids.js";
import { limitError, resourceMissing, stripeError, type StripeErrorResult } from "./errors.js";
import { couponObject, nowSeconds } from "./serialize.js";
import type { CouponRecord, StripeStore } from "./store.js";

export interface CouponInput {
  id?: string;
  amount_off?: number;
  currency?: string;
  duration?: CouponRecord["duration"];
  duration_in_months?: number;
  max_redemptions?: number;
  metadata?: Record<string, string> | "";
  name?: string;
  percent_off?: number;
  redeem_by?: number;
  expand?: string[];
}

export type Answer = { status: 200; body: Record<string, unknown> } | StripeErrorResult;

export function createCoupon(store: StripeStore, account: string, input: CouponInput): Answer {
  if ((input.amount_off === undefined) === (input.percent_off === undefined)) {
    return stripeError(400, { message: "You must pass exactly one of `amount_off` or `percent_off`.", param: input.amount_off === undefined ? "percent_off" : "amount_off" });
  }
  const duration = input.duration ?? "once";
  if (duration === "repeating" && input.duration_in_months === undefined) {
    return stripeError(400, { code: "parameter_missing", message: "Missing required param: duration_in_months.", param: "duration_in_months" });
  }
  if (duration !== "repeating" && input.duration_in_months !== undefined) {
    return stripeError(400, { message: "You may only specify `duration_in_months` when `duration` is `repeating`.", param: "duration_in_months" });
  }
  if (input.redeem_by !== undefined && input.redeem_by <= nowSeconds()) {
    return stripeError(400, { message: "Invalid redeem_by: must be in the future.", param: "redeem_by" });
  }
  const coupon: CouponRecord = {
    id: input.id ?? stripeIds.coupon(),
    created: nowSeconds(),
    amount_off: input.amount_off ?? null,
    currency: input.currency ?? null,
    duration,
    duration_in_months: input.duration_in_months ?? null,
    max_redemptions: input.max_redemptions ?? null,
    metadata: cleanMetadata(input.metadata),
    name: input.name ?? null,
    percent_off: input.percent_off ?? null,
    redeem_by: input.redeem_by ?? null,
    times_redeemed: 0,
  };
  const refused = store.insertCoupon(account, coupon);
  if (refused === "exists") return stripeError(400, { code: "resource_already_exists", message: "Coupon already exists.", param: "id" });
  if (refused) return limitError(refused);
  return { status: 200, body: couponObject(coupon, input.expand) };
}

export function retrieveCoupon(store: StripeStore, account: string, id: string, expand: string[] = []): Answer {
  const coupon = store.getCoupon(account, id);
  if (!coupon) return resourceMissing("coupon", id, "id");
  return { status: 200, body: couponObject(coupon, expand) };
}

/** Metadata as given on create: empty values are unset keys, `metadata=` is no metadata. */
export function cleanMetadata(metadata: Record<string, string> | "" | undefined): Record<string, string> {
  if (!metadata) return {};
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== ""));
}
