import type { Handlers as LegacyHandlers } from "../../generated/stripe-2024-06-20/server.js";
import type { Handlers as CloverHandlers } from "../../generated/stripe-2025-09-30.clover/server.js";
import type { RequestContext } from "../../runtime/server/index.js";
import { runIdempotent, type IdempotencyStore } from "../idempotency.js";
import { apiKeyOf } from "../keys.js";
import {
  createCoupon,
  deleteCoupon,
  listCoupons,
  retrieveCoupon,
  updateCoupon,
  type Answer,
  type CouponInput,
  type CouponListInput,
  type CouponUpdateInput,
} from "./coupons.js";
import { createCustomer, retrieveCustomer, type CustomerInput } from "./customers.js";
import { idempotencyError, limitError } from "./errors.js";
import { listPromotionCodes, type ListInput } from "./list.js";
import { createPromotionCode, retrievePromotionCode, updatePromotionCode, type CreateInput, type Scope, type UpdateInput } from "./promotion-codes.js";
import { requestIdOf, withRequestLogUrl } from "./request-id.js";
import type { StripeVersion } from "./serialize.js";
import type { StripeStore } from "./store.js";

type AnyContext = RequestContext<unknown, unknown, unknown, unknown>;
type StripeAnswer = Answer & { headers?: Record<string, string> };

/** What the handlers of both versions share: the objects, and the stored idempotent responses. */
export interface StripeState {
  store: StripeStore;
  idempotency: IdempotencyStore;
}

function scopeOf(state: StripeState, version: StripeVersion, ctx: AnyContext): Scope {
  return { store: state.store, account: apiKeyOf(ctx.auth), version };
}

const totalLimitError = (): Answer => limitError("total");

/** Stripe's Idempotency-Key: a replay carries `Idempotent-Replayed: true` and the first request's id. */
function idempotent(state: StripeState, ctx: AnyContext, run: () => Answer): StripeAnswer {
  const outcome = runIdempotent<Answer>({
    store: state.idempotency,
    account: apiKeyOf(ctx.auth),
    ctx,
    run,
    refuse: idempotencyError,
    full: totalLimitError,
    requestId: requestIdOf(ctx.request),
  });
  switch (outcome.kind) {
    case "none":
    case "refused":
      return outcome.answer;
    case "first":
      return { ...outcome.answer, headers: { "Idempotency-Key": outcome.key } };
    case "replayed":
      return {
        ...outcome.answer,
        headers: { "Idempotent-Replayed": "true", "Original-Request": outcome.record.requestId ?? "", "Idempotency-Key": outcome.key },
      };
  }
}

/**
 * The create parameters under one shape for both versions, as an object literal: in Node 20 a rest
 * destructuring followed by a spread costs several µs per request.
 */
function createInput(version: StripeVersion, body: Record<string, unknown>): CreateInput {
  const legacy = version === "2024-06-20";
  const params = body as Partial<CreateInput> & { promotion?: { coupon: string } };
  return {
    coupon: legacy ? (body.coupon as string) : params.promotion!.coupon,
    couponParam: legacy ? "coupon" : "promotion[coupon]",
    code: params.code,
    active: params.active,
    customer: params.customer,
    customer_account: params.customer_account,
    expires_at: params.expires_at,
    max_redemptions: params.max_redemptions,
    metadata: params.metadata,
    restrictions: params.restrictions,
    expand: params.expand,
  };
}

const expandOf = (ctx: AnyContext): string[] | undefined => (ctx.query as { expand?: string[] }).expand;
const pathParam = (ctx: AnyContext, name: string): string => (ctx.params as Record<string, string>)[name]!;

/**
 * One version's handlers over the shared state. Answers are checked against the spec at run time
 * (checkResponses), so their static type is widened here, once, to both versions' `Handlers`.
 */
export function stripeHandlers(state: StripeState, version: StripeVersion): LegacyHandlers & CloverHandlers {
  const handlers = {
    postCoupons: (ctx: AnyContext) => idempotent(state, ctx, () => createCoupon(state.store, apiKeyOf(ctx.auth), (ctx.body ?? {}) as CouponInput)),
    getCouponsCoupon: (ctx: AnyContext) => retrieveCoupon(state.store, apiKeyOf(ctx.auth), pathParam(ctx, "coupon"), expandOf(ctx)),
    getCoupons: (ctx: AnyContext) => listCoupons(state.store, apiKeyOf(ctx.auth), ctx.query as CouponListInput),
    postCouponsCoupon: (ctx: AnyContext) =>
      idempotent(state, ctx, () => updateCoupon(state.store, apiKeyOf(ctx.auth), pathParam(ctx, "coupon"), (ctx.body ?? {}) as CouponUpdateInput)),
    deleteCouponsCoupon: (ctx: AnyContext) => deleteCoupon(state.store, apiKeyOf(ctx.auth), pathParam(ctx, "coupon")),
    postCustomers: (ctx: AnyContext) => idempotent(state, ctx, () => createCustomer(state.store, apiKeyOf(ctx.auth), (ctx.body ?? {}) as CustomerInput)),
    getCustomersCustomer: (ctx: AnyContext) => retrieveCustomer(state.store, apiKeyOf(ctx.auth), pathParam(ctx, "customer")),
    getPromotionCodes: (ctx: AnyContext) => listPromotionCodes(scopeOf(state, version, ctx), ctx.query as ListInput),
    postPromotionCodes: (ctx: AnyContext) =>
      idempotent(state, ctx, () => createPromotionCode(scopeOf(state, version, ctx), createInput(version, ctx.body as Record<string, unknown>))),
    getPromotionCodesPromotionCode: (ctx: AnyContext) =>
      retrievePromotionCode(scopeOf(state, version, ctx), pathParam(ctx, "promotion_code"), expandOf(ctx)),
    postPromotionCodesPromotionCode: (ctx: AnyContext) =>
      idempotent(state, ctx, () => updatePromotionCode(scopeOf(state, version, ctx), pathParam(ctx, "promotion_code"), (ctx.body ?? {}) as UpdateInput)),
  };
  // Every error answer names its request's log page (request_log_url), replays included.
  const logged: Record<string, (ctx: AnyContext) => Answer> = {};
  for (const [name, handler] of Object.entries(handlers)) logged[name] = (ctx: AnyContext) => withRequestLogUrl(ctx.request, handler(ctx));
  return logged as unknown as LegacyHandlers & CloverHandlers;
}
