import type * as S from "../../generated/smartpay-v1/server.js";
import type * as T from "../../generated/smartpay-v1/types.js";
import type { RequestContext } from "../../runtime/server/index.js";
import { thawed } from "../frozen.js";
import { smartpayIds } from "../ids.js";
import { runIdempotent, type IdempotencyStore } from "../idempotency.js";
import { apiKeyOf } from "../keys.js";
import { couponNotFound, idempotencyKeyReused, limitReached, promotionCodeExists, promotionCodeNotFound, smartpayError } from "./errors.js";
import { couponObject, decodeToken, encodeToken, promotionCodeObject } from "./serialize.js";
import type { SmartpayCoupon, SmartpayPromotionCode, SmartpayStore } from "./store.js";

/** What the handlers share: the objects, and the stored idempotent responses. */
export interface SmartpayState {
  store: SmartpayStore;
  idempotency: IdempotencyStore;
}

type Ctx<Op extends keyof S.Handlers> = Parameters<S.Handlers[Op]>[0];
type Result<Op extends keyof S.Handlers> = Awaited<ReturnType<S.Handlers[Op]>>;

/** Smartpay's SDKs send an `Idempotency-Key` on every request: a retried write replays its first answer. */
function idempotent<A extends { status: number; body: unknown }>(state: SmartpayState, ctx: RequestContext<unknown, unknown, unknown, unknown>, run: () => A): A {
  return runIdempotent<A>({ store: state.idempotency, account: apiKeyOf(ctx.auth), ctx, run, refuse: (m) => idempotencyKeyReused(m) as A, full: () => limitReached("total") as A }).answer;
}

/** The fields a new coupon and a new promotion code start with alike. */
function newObjectFields(body: { expiresAt?: number | null; maxRedemptionCount?: number | null; metadata?: Record<string, string> }) {
  const now = Date.now();
  return {
    expiresAt: body.expiresAt ?? null,
    maxRedemptionCount: body.maxRedemptionCount ?? null,
    metadata: body.metadata ?? {},
    redemptionCount: 0,
    createdAt: now,
    updatedAt: now,
  };
}

function createCoupon(state: SmartpayState, { auth, body }: Ctx<"createCoupon">): Result<"createCoupon"> {
  const coupon: SmartpayCoupon = {
    id: smartpayIds.coupon(),
    name: body.name,
    discountType: body.discountType,
    active: true,
    ...newObjectFields(body),
    ...(body.discountAmount !== undefined ? { discountAmount: body.discountAmount } : {}),
    ...(body.discountPercentage !== undefined ? { discountPercentage: body.discountPercentage } : {}),
    ...(body.currency !== undefined ? { currency: body.currency } : {}),
  };
  const full = state.store.insertCoupon(apiKeyOf(auth), coupon);
  if (full) return limitReached(full);
  return { status: 200, body: couponObject(coupon) };
}

function retrieveCoupon(state: SmartpayState, { auth, params }: Ctx<"retrieveCoupon">): Result<"retrieveCoupon"> {
  const coupon = state.store.getCoupon(apiKeyOf(auth), params.id);
  return coupon ? { status: 200, body: couponObject(coupon) } : couponNotFound();
}

function createPromotionCode(state: SmartpayState, { auth, body }: Ctx<"createPromotionCode">): Result<"createPromotionCode"> {
  const account = apiKeyOf(auth);
  const coupon = state.store.getCoupon(account, body.coupon);
  if (!coupon) return couponNotFound();
  const code: SmartpayPromotionCode = {
    id: smartpayIds.promotionCode(),
    code: body.code,
    coupon: coupon.id,
    active: body.active ?? true,
    currency: body.currency ?? null,
    minimumAmount: body.minimumAmount ?? null,
    firstTimeTransaction: body.firstTimeTransaction ?? false,
    onePerCustomer: body.onePerCustomer ?? false,
    ...newObjectFields(body),
    sequence: state.store.nextSequence(),
  };
  const refused = state.store.insertPromotionCode(account, code);
  if (refused === "exists") return promotionCodeExists(body.code);
  if (refused) return limitReached(refused);
  return { status: 200, body: promotionCodeObject(code, coupon, false) };
}

function listPromotionCodes(state: SmartpayState, { auth, query }: Ctx<"listPromotionCodes">): Result<"listPromotionCodes"> {
  const account = apiKeyOf(auth);
  const maxResults = query.maxResults ?? 20;
  const page = state.store.listPromotionCodes(account, maxResults, query.pageToken === undefined ? undefined : decodeToken(query.pageToken));
  if ("missingCursor" in page) return smartpayError(400, "request.invalid", "Input parameter or payload is invalid", [{ name: "pageToken" }]);
  const data = page.items.map((c) => promotionCodeObject(c, state.store.getCoupon(account, c.coupon), query.expand === "all"));
  const body: T.PromotionCodeCollection = { object: "collection", maxResults, results: data.length, data };
  if (query.pageToken !== undefined) body.pageToken = query.pageToken;
  if (page.hasMore && page.items.length > 0) body.nextPageToken = encodeToken(page.items[page.items.length - 1]!.id);
  return { status: 200, body };
}

function retrievePromotionCode(state: SmartpayState, { auth, params, query }: Ctx<"retrievePromotionCode">): Result<"retrievePromotionCode"> {
  const account = apiKeyOf(auth);
  const code = state.store.getPromotionCode(account, params.id);
  if (!code) return promotionCodeNotFound();
  return { status: 200, body: promotionCodeObject(code, state.store.getCoupon(account, code.coupon), query.expand === "all") };
}

function updatePromotionCode(state: SmartpayState, { auth, params, body }: Ctx<"updatePromotionCode">): Result<"updatePromotionCode"> {
  const account = apiKeyOf(auth);
  const stored = state.store.getPromotionCode(account, params.id);
  if (!stored) return promotionCodeNotFound();
  const code = thawed(stored);
  if (body.active !== undefined) code.active = body.active;
  if (body.metadata !== undefined) code.metadata = body.metadata;
  code.updatedAt = Math.max(Date.now(), code.updatedAt);
  state.store.savePromotionCode(account, code);
  return { status: 200, body: promotionCodeObject(code, state.store.getCoupon(account, code.coupon), false) };
}

export function smartpayHandlers(state: SmartpayState): S.Handlers {
  return {
    createCoupon: (ctx) => idempotent(state, ctx, () => createCoupon(state, ctx)),
    retrieveCoupon: (ctx) => retrieveCoupon(state, ctx),
    createPromotionCode: (ctx) => idempotent(state, ctx, () => createPromotionCode(state, ctx)),
    listPromotionCodes: (ctx) => listPromotionCodes(state, ctx),
    retrievePromotionCode: (ctx) => retrievePromotionCode(state, ctx),
    updatePromotionCode: (ctx) => idempotent(state, ctx, () => updatePromotionCode(state, ctx)),
  };
}
