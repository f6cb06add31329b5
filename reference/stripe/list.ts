import type { Answer } from "./coupons.js";
import { stripeError } from "./errors.js";
import { checkExpand, customerLookup, type Scope } from "./promotion-codes.js";
import { effectiveActive, promotionCodeObject } from "./serialize.js";
import type { CouponRecord, PromotionCodeRecord, Range } from "./store.js";

export interface ListInput {
  active?: boolean;
  code?: string;
  coupon?: string;
  created?: Range;
  customer?: string;
  customer_account?: string;
  ending_before?: string;
  starting_after?: string;
  limit?: number;
  expand?: string[];
}

/** Coupons looked up once per page, whatever the number of codes that share them. */
function couponCache(scope: Scope): (id: string) => CouponRecord | undefined {
  const seen = new Map<string, CouponRecord | undefined>();
  return (id) => {
    if (!seen.has(id)) seen.set(id, scope.store.getCoupon(scope.account, id));
    return seen.get(id);
  };
}

/** The filters the store's indexes do not answer (it narrows by code, customer, coupon and created). */
function matcher(input: ListInput, couponOf: (id: string) => CouponRecord | undefined): (code: PromotionCodeRecord) => boolean {
  return (code) =>
    (input.code === undefined || code.code.toLowerCase() === input.code.toLowerCase()) &&
    (input.coupon === undefined || code.coupon === input.coupon) &&
    (input.customer === undefined || code.customer === input.customer) &&
    (input.customer_account === undefined || code.customer_account === input.customer_account) &&
    (input.active === undefined || effectiveActive(code, couponOf(code.coupon)) === input.active);
}

function checkListExpand(scope: Scope, expand: readonly string[]): Answer | undefined {
  const outside = expand.find((p) => !p.startsWith("data."));
  if (outside !== undefined) return stripeError(400, { message: `This property cannot be expanded (${outside}).`, param: "expand" });
  return checkExpand(scope.version, expand.map((p) => p.slice("data.".length)));
}

/** Newest first, `limit` per page, cursors by id in either direction; costs O(limit), not O(codes stored). */
export function listPromotionCodes(scope: Scope, input: ListInput): Answer {
  const expandPaths = input.expand ?? [];
  const badExpand = checkListExpand(scope, expandPaths);
  if (badExpand) return badExpand;
  if (input.starting_after !== undefined && input.ending_before !== undefined) {
    // Stripe's wording is not public; ours, and refused rather than one cursor silently winning.
    return stripeError(400, { message: "You may only specify one of these parameters: ending_before, starting_after.", param: "ending_before" });
  }
  const couponOf = couponCache(scope);
  const page = scope.store.listPromotionCodes(scope.account, {
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.coupon !== undefined ? { coupon: input.coupon } : {}),
    ...(input.customer !== undefined ? { customer: input.customer } : {}),
    ...(input.created !== undefined ? { created: input.created } : {}),
    ...(input.starting_after !== undefined ? { starting_after: input.starting_after } : {}),
    ...(input.ending_before !== undefined ? { ending_before: input.ending_before } : {}),
    limit: input.limit ?? 10,
    accept: matcher(input, couponOf),
  });
  if ("missingCursor" in page) {
    const param = input.starting_after !== undefined ? "starting_after" : "ending_before";
    return stripeError(400, { code: "resource_missing", message: `No such promotion code: '${page.missingCursor}'`, param });
  }
  const expand = expandPaths.map((p) => p.slice("data.".length));
  const data = page.items.map((code) => promotionCodeObject(code, couponOf(code.coupon)!, scope.version, expand, customerLookup(scope)));
  return { status: 200, body: { object: "list", data, has_more: page.hasMore, url: "/v1/promotion_codes" } };
}
