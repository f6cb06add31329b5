import type { Answer } from "./coupons.js";
import { stripeError } from "./errors.js";
import { checkExpand, type Scope } from "./promotion-codes.js";
import { promotionCodeObject } from "./serialize.js";
import type { PromotionCodeRecord } from "./store.js";

type Range = number | { gt?: number; gte?: number; lt?: number; lte?: number };

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

function inRange(value: number, range: Range | undefined): boolean {
  if (range === undefined) return true;
  if (typeof range === "number") return value === range;
  return (
    (range.gt === undefined || value > range.gt) &&
    (range.gte === undefined || value >= range.gte) &&
    (range.lt === undefined || value < range.lt) &&
    (range.lte === undefined || value <= range.lte)
  );
}

function matches(code: PromotionCodeRecord, input: ListInput): boolean {
  return (
    (input.active === undefined || code.active === input.active) &&
    (input.code === undefined || code.code.toLowerCase() === input.code.toLowerCase()) &&
    (input.coupon === undefined || code.coupon === input.coupon) &&
    (input.customer === undefined || code.customer === input.customer) &&
    (input.customer_account === undefined || code.customer_account === input.customer_account) &&
    inRange(code.created, input.created)
  );
}

/** Newest first, `limit` per page, cursors by id in either direction. */
export function listPromotionCodes(scope: Scope, input: ListInput): Answer {
  const badExpand = checkExpand(scope.version, (input.expand ?? []).map((p) => p.replace(/^data\./, "")));
  if (badExpand || (input.expand ?? []).some((p) => !p.startsWith("data."))) {
    const bad = (input.expand ?? []).find((p) => !p.startsWith("data.")) ?? "";
    return badExpand ?? stripeError(400, { message: `This property cannot be expanded (${bad}).`, param: "expand" });
  }
  const all = scope.store.listPromotionCodes(scope.account);
  const page = pageOf(all, input, input.limit ?? 10);
  if ("error" in page) return page.error;
  const expand = (input.expand ?? []).map((p) => p.slice("data.".length));
  const data = page.items.map((code) => promotionCodeObject(code, scope.store.getCoupon(scope.account, code.coupon)!, scope.version, expand));
  return { status: 200, body: { object: "list", data, has_more: page.hasMore, url: "/v1/promotion_codes" } };
}

/** The cursor is found among all the account's codes (newest first); the filters apply around it. */
function pageOf(all: PromotionCodeRecord[], input: ListInput, limit: number): { items: PromotionCodeRecord[]; hasMore: boolean } | { error: Answer } {
  const cursor = input.starting_after ?? input.ending_before;
  if (cursor === undefined) {
    const matching = all.filter((c) => matches(c, input));
    return { items: matching.slice(0, limit), hasMore: matching.length > limit };
  }
  const at = all.findIndex((c) => c.id === cursor);
  const param = input.starting_after !== undefined ? "starting_after" : "ending_before";
  if (at === -1) return { error: stripeError(400, { code: "resource_missing", message: `No such promotion code: '${cursor}'`, param }) };
  if (input.starting_after !== undefined) {
    const rest = all.slice(at + 1).filter((c) => matches(c, input));
    return { items: rest.slice(0, limit), hasMore: rest.length > limit };
  }
  const before = all.slice(0, at).filter((c) => matches(c, input));
  return { items: before.slice(Math.max(0, before.length - limit)), hasMore: before.length > limit };
}
