import { thawed } from "../frozen.js";
import { stripeIds } from "../ids.js";
import { limitError, resourceMissing, stripeError, type StripeErrorResult } from "./errors.js";
import { couponObject, nowSeconds } from "./serialize.js";
import type { CouponRecord, Range, StripeStore } from "./store.js";

type CurrencyOptions = Record<string, { amount_off: number }>;

export interface CouponInput {
  id?: string;
  amount_off?: number;
  applies_to?: { products?: string[] };
  currency?: string;
  currency_options?: CurrencyOptions;
  duration?: CouponRecord["duration"];
  duration_in_months?: number;
  max_redemptions?: number;
  metadata?: Record<string, string> | "";
  name?: string;
  percent_off?: number;
  redeem_by?: number;
  expand?: string[];
}

export interface CouponUpdateInput {
  currency_options?: CurrencyOptions;
  metadata?: Record<string, string> | "";
  name?: string;
  expand?: string[];
}

export interface CouponListInput {
  created?: Range;
  ending_before?: string;
  starting_after?: string;
  limit?: number;
  expand?: string[];
}

export type Answer = { status: 200; body: Record<string, unknown> } | StripeErrorResult;

/** Expand paths a coupon accepts (`applies_to`, `currency_options` are includable fields). */
const COUPON_EXPANDS = ["applies_to", "currency_options"];

function checkCouponExpand(expand: readonly string[] | undefined, prefix = ""): Answer | undefined {
  const bad = (expand ?? []).find((path) => !COUPON_EXPANDS.some((p) => `${prefix}${p}` === path));
  return bad === undefined ? undefined : stripeError(400, { message: `This property cannot be expanded (${bad}).`, param: "expand" });
}

/** currency_options go with `amount_off` only (our wording: Stripe's is not public). */
function checkCurrencyOptions(options: CurrencyOptions | undefined, amountOff: number | null, currency: string | null): Answer | undefined {
  if (options === undefined) return undefined;
  if (amountOff === null) return stripeError(400, { message: "`currency_options` can only be used with an `amount_off` coupon.", param: "currency_options" });
  if (currency !== null && Object.hasOwn(options, currency)) {
    return stripeError(400, { message: `\`currency_options[${currency}]\` repeats the coupon's own currency; set \`amount_off\` instead.`, param: `currency_options[${currency}]` });
  }
  return undefined;
}

function checkCreate(input: CouponInput, duration: CouponRecord["duration"]): Answer | undefined {
  if ((input.amount_off === undefined) === (input.percent_off === undefined)) {
    return stripeError(400, { message: "You must pass exactly one of `amount_off` or `percent_off`.", param: input.amount_off === undefined ? "percent_off" : "amount_off" });
  }
  if (duration === "repeating" && input.duration_in_months === undefined) {
    return stripeError(400, { code: "parameter_missing", message: "Missing required param: duration_in_months.", param: "duration_in_months" });
  }
  if (duration !== "repeating" && input.duration_in_months !== undefined) {
    return stripeError(400, { message: "You may only specify `duration_in_months` when `duration` is `repeating`.", param: "duration_in_months" });
  }
  if (input.redeem_by !== undefined && input.redeem_by <= nowSeconds()) {
    return stripeError(400, { message: "Invalid redeem_by: must be in the future.", param: "redeem_by" });
  }
  return checkCouponExpand(input.expand) ?? checkCurrencyOptions(input.currency_options, input.amount_off ?? null, input.currency ?? null);
}

export function createCoupon(store: StripeStore, account: string, input: CouponInput): Answer {
  const duration = input.duration ?? "once";
  const problem = checkCreate(input, duration);
  if (problem) return problem;
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
    applies_to: input.applies_to ? { products: [...(input.applies_to.products ?? [])] } : null,
    currency_options: input.currency_options ? copyOptions(input.currency_options) : null,
    deleted: false,
  };
  const refused = store.insertCoupon(account, coupon);
  if (refused === "exists") return stripeError(400, { code: "resource_already_exists", message: "Coupon already exists.", param: "id" });
  if (refused) return limitError(refused);
  return { status: 200, body: couponObject(coupon, input.expand) };
}

function copyOptions(options: CurrencyOptions): CurrencyOptions {
  return Object.fromEntries(new Map(Object.entries(options).map(([code, o]) => [code, { amount_off: o.amount_off }])));
}

/** A coupon the API can see: stored and not deleted. */
export function liveCoupon(store: StripeStore, account: string, id: string): CouponRecord | undefined {
  const coupon = store.getCoupon(account, id);
  return coupon && !coupon.deleted ? coupon : undefined;
}

export function retrieveCoupon(store: StripeStore, account: string, id: string, expand: string[] = []): Answer {
  const badExpand = checkCouponExpand(expand);
  if (badExpand) return badExpand;
  const coupon = liveCoupon(store, account, id);
  if (!coupon) return resourceMissing("coupon", id, "id");
  return { status: 200, body: couponObject(coupon, expand) };
}

/** Name, metadata and currency options change; the discount never does. */
export function updateCoupon(store: StripeStore, account: string, id: string, input: CouponUpdateInput): Answer {
  const badExpand = checkCouponExpand(input.expand);
  if (badExpand) return badExpand;
  const stored = liveCoupon(store, account, id);
  if (!stored) return resourceMissing("coupon", id, "id");
  const coupon = thawed(stored);
  const badOptions = checkCurrencyOptions(input.currency_options, coupon.amount_off, coupon.currency);
  if (badOptions) return badOptions;
  if (input.name !== undefined) coupon.name = input.name;
  if (input.metadata !== undefined) {
    const merged = new Map(Object.entries(coupon.metadata));
    if (input.metadata === "") merged.clear();
    else for (const [key, value] of Object.entries(input.metadata)) value === "" ? merged.delete(key) : merged.set(key, value);
    if (merged.size > 50) return stripeError(400, { message: "Invalid metadata: metadata can have up to 50 keys.", param: "metadata" });
    coupon.metadata = Object.fromEntries(merged);
  }
  if (input.currency_options) coupon.currency_options = { ...coupon.currency_options, ...copyOptions(input.currency_options) };
  store.saveCoupon(account, coupon);
  return { status: 200, body: couponObject(coupon, input.expand) };
}

/** Deleted coupons can no longer be retrieved, listed or used; codes that use them read inactive. */
export function deleteCoupon(store: StripeStore, account: string, id: string): Answer {
  const coupon = liveCoupon(store, account, id);
  if (!coupon) return resourceMissing("coupon", id, "id");
  store.saveCoupon(account, { ...coupon, deleted: true });
  return { status: 200, body: { id: coupon.id, object: "coupon", deleted: true } };
}

export function listCoupons(store: StripeStore, account: string, input: CouponListInput): Answer {
  const badExpand = checkCouponExpand(input.expand, "data.");
  if (badExpand) return badExpand;
  if (input.starting_after !== undefined && input.ending_before !== undefined) {
    return stripeError(400, { message: "You may only specify one of these parameters: ending_before, starting_after.", param: "ending_before" });
  }
  const page = store.listCoupons(account, {
    ...(input.created !== undefined ? { created: input.created } : {}),
    ...(input.starting_after !== undefined ? { starting_after: input.starting_after } : {}),
    ...(input.ending_before !== undefined ? { ending_before: input.ending_before } : {}),
    limit: input.limit ?? 10,
  });
  if ("missingCursor" in page) {
    const param = input.starting_after !== undefined ? "starting_after" : "ending_before";
    return stripeError(400, { code: "resource_missing", message: `No such coupon: '${page.missingCursor}'`, param });
  }
  const expand = (input.expand ?? []).map((p) => p.slice("data.".length));
  return { status: 200, body: { object: "list", data: page.items.map((c) => couponObject(c, expand)), has_more: page.hasMore, url: "/v1/coupons" } };
}

/** Metadata as given on create: empty values are unset keys, `metadata=` is no metadata. */
export function cleanMetadata(metadata: Record<string, string> | "" | undefined): Record<string, string> {
  if (!metadata) return {};
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== ""));
}
