import type * as T from "../../generated/smartpay-v1/types.js";
import type { SmartpayCoupon, SmartpayPromotionCode } from "./store.js";

/** A stored coupon as Smartpay shows it; `active` turns false once it has expired. */
export function couponObject(c: SmartpayCoupon): T.Coupon {
  const out: T.Coupon = {
    id: c.id,
    object: "coupon",
    active: c.active && (c.expiresAt === null || c.expiresAt > Date.now()),
    createdAt: c.createdAt,
    discountType: c.discountType,
    expiresAt: c.expiresAt,
    maxRedemptionCount: c.maxRedemptionCount,
    metadata: c.metadata,
    name: c.name,
    redemptionCount: c.redemptionCount,
    sponsored: false,
    test: true,
    updatedAt: c.updatedAt,
  };
  if (c.discountType === "amount") Object.assign(out, { discountAmount: c.discountAmount ?? null, currency: c.currency ?? null });
  else out.discountPercentage = c.discountPercentage ?? null;
  return out;
}

/** A stored promotion code as Smartpay shows it; `expand` puts the whole coupon in place of its id. */
export function promotionCodeObject(p: SmartpayPromotionCode, coupon: SmartpayCoupon | undefined, expand: boolean): T.PromotionCode {
  const { sequence: _sequence, ...fields } = p;
  return { ...fields, object: "promotionCode", coupon: expand && coupon ? couponObject(coupon) : p.coupon, test: true };
}

/** Page tokens are opaque to clients: the base64url of the last id returned. */
export const encodeToken = (id: string): string => Buffer.from(id).toString("base64url");
export const decodeToken = (token: string): string => Buffer.from(token, "base64url").toString("utf8");
