import type { Handlers as LegacyHandlers } from "../../generated/stripe-2024-06-20/server.js";
import type { Handlers as CloverHandlers } from "../../generated/stripe-2025-09-30.clover/server.js";
import type { RequestContext } from "../../runtime/server/index.js";
import { apiKeyOf } from "./account.js";
import { createCoupon, retrieveCoupon, type Answer, type CouponInput } from "./coupons.js";
import { idempotent } from "./idempotency.js";
import { listPromotionCodes, type ListInput } from "./list.js";
import { createPromotionCode, retrievePromotionCode, updatePromotionCode, type CreateInput, type Scope, type UpdateInput } from "./promotion-codes.js";
import type { StripeVersion } from "./serialize.js";
import type { StripeStore } from "./store.js";

/** Answers are checked against the spec at run time (checkResponses); their static type is the handler's. */
function typed<R>(answer: Answer | Promise<Answer>): Promise<R> {
  return Promise.resolve(answer) as unknown as Promise<R>;
}

type AnyContext = RequestContext<unknown, unknown, unknown, unknown>;

function scopeOf(store: StripeStore, version: StripeVersion, ctx: AnyContext): Scope {
  return { store, account: apiKeyOf(ctx.auth), version };
}

function createInput(version: StripeVersion, body: Record<string, unknown>): CreateInput {
  const { coupon, promotion, ...rest } = body as Record<string, unknown> & { coupon?: string; promotion?: { coupon: string } };
  return version === "2024-06-20"
    ? { ...(rest as Partial<CreateInput>), coupon: coupon!, couponParam: "coupon" }
    : { ...(rest as Partial<CreateInput>), coupon: promotion!.coupon, couponParam: "promotion[coupon]" };
}

/** One version's handlers over the shared store. */
function handlersFor(store: StripeStore, version: StripeVersion) {
  return {
    postCoupons: (ctx: AnyContext) =>
      idempotent(store, ctx, () => createCoupon(store, apiKeyOf(ctx.auth), (ctx.body ?? {}) as CouponInput)),
    getCouponsCoupon: (ctx: AnyContext) => {
      const { coupon } = ctx.params as { coupon: string };
      return retrieveCoupon(store, apiKeyOf(ctx.auth), coupon, (ctx.query as { expand?: string[] }).expand);
    },
    getPromotionCodes: (ctx: AnyContext) => listPromotionCodes(scopeOf(store, version, ctx), ctx.query as ListInput),
    postPromotionCodes: (ctx: AnyContext) =>
      idempotent(store, ctx, () => createPromotionCode(scopeOf(store, version, ctx), createInput(version, ctx.body as Record<string, unknown>))),
    getPromotionCodesPromotionCode: (ctx: AnyContext) => {
      const { promotion_code } = ctx.params as { promotion_code: string };
      return retrievePromotionCode(scopeOf(store, version, ctx), promotion_code, (ctx.query as { expand?: string[] }).expand);
    },
    postPromotionCodesPromotionCode: (ctx: AnyContext) => {
      const { promotion_code } = ctx.params as { promotion_code: string };
      return idempotent(store, ctx, () => updatePromotionCode(scopeOf(store, version, ctx), promotion_code, (ctx.body ?? {}) as UpdateInput));
    },
  };
}

export function legacyHandlers(store: StripeStore): LegacyHandlers {
  const h = handlersFor(store, "2024-06-20");
  return {
    postCoupons: (ctx) => typed(h.postCoupons(ctx)),
    getCouponsCoupon: (ctx) => typed(h.getCouponsCoupon(ctx)),
    getPromotionCodes: (ctx) => typed(h.getPromotionCodes(ctx)),
    postPromotionCodes: (ctx) => typed(h.postPromotionCodes(ctx)),
    getPromotionCodesPromotionCode: (ctx) => typed(h.getPromotionCodesPromotionCode(ctx)),
    postPromotionCodesPromotionCode: (ctx) => typed(h.postPromotionCodesPromotionCode(ctx)),
  };
}

export function cloverHandlers(store: StripeStore): CloverHandlers {
  const h = handlersFor(store, "2025-09-30.clover");
  return {
    postCoupons: (ctx) => typed(h.postCoupons(ctx)),
    getCouponsCoupon: (ctx) => typed(h.getCouponsCoupon(ctx)),
    getPromotionCodes: (ctx) => typed(h.getPromotionCodes(ctx)),
    postPromotionCodes: (ctx) => typed(h.postPromotionCodes(ctx)),
    getPromotionCodesPromotionCode: (ctx) => typed(h.getPromotionCodesPromotionCode(ctx)),
    postPromotionCodesPromotionCode: (ctx) => typed(h.postPromotionCodesPromotionCode(ctx)),
  };
}
