import type { Handlers } from "../../generated/smartpay-v1/server.js";
import type * as T from "../../generated/smartpay-v1/types.js";
import type { AuthInfo } from "../../runtime/server/index.js";
import { smartpayIds } from "../ids.js";
import { couponNotFound, promotionCodeExists, promotionCodeNotFound, smartpayError } from "./errors.js";
import type { SmartpayCoupon, SmartpayPromotionCode, SmartpayStore } from "./store.js";

export function accountOf(auth: AuthInfo | null): string {
  return auth?.username ?? "";
}

function couponObject(c: SmartpayCoupon): T.Coupon {
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

function promotionCodeObject(p: SmartpayPromotionCode, coupon: SmartpayCoupon | undefined, expand: boolean): T.PromotionCode {
  const { sequence: _sequence, ...fields } = p;
  return { ...fields, object: "promotionCode", coupon: expand && coupon ? couponObject(coupon) : p.coupon, test: true };
}

/** Page tokens are opaque to clients: the base64url of the last id returned. */
const encodeToken = (id: string): string => Buffer.from(id).toString("base64url");
const decodeToken = (token: string): string => Buffer.from(token, "base64url").toString("utf8");

export function smartpayHandlers(store: SmartpayStore): Handlers {
  return {
    createCoupon: ({ auth, body }) => {
      const now = Date.now();
      const coupon: SmartpayCoupon = {
        id: smartpayIds.coupon(),
        name: body.name,
        discountType: body.discountType,
        expiresAt: body.expiresAt ?? null,
        maxRedemptionCount: body.maxRedemptionCount ?? null,
        metadata: body.metadata ?? {},
        redemptionCount: 0,
        active: true,
        createdAt: now,
        updatedAt: now,
        ...(body.discountAmount !== undefined ? { discountAmount: body.discountAmount } : {}),
        ...(body.discountPercentage !== undefined ? { discountPercentage: body.discountPercentage } : {}),
        ...(body.currency !== undefined ? { currency: body.currency } : {}),
      };
      store.insertCoupon(accountOf(auth), coupon);
      return { status: 200, body: couponObject(coupon) };
    },
    retrieveCoupon: ({ auth, params }) => {
      const coupon = store.getCoupon(accountOf(auth), params.id);
      return coupon ? { status: 200, body: couponObject(coupon) } : couponNotFound();
    },
    createPromotionCode: ({ auth, body }) => {
      const account = accountOf(auth);
      const coupon = store.getCoupon(account, body.coupon);
      if (!coupon) return couponNotFound();
      const now = Date.now();
      const code: SmartpayPromotionCode = {
        id: smartpayIds.promotionCode(),
        code: body.code,
        coupon: coupon.id,
        active: body.active ?? true,
        currency: body.currency ?? null,
        minimumAmount: body.minimumAmount ?? null,
        expiresAt: body.expiresAt ?? null,
        firstTimeTransaction: body.firstTimeTransaction ?? false,
        onePerCustomer: body.onePerCustomer ?? false,
        maxRedemptionCount: body.maxRedemptionCount ?? null,
        redemptionCount: 0,
        metadata: body.metadata ?? {},
        createdAt: now,
        updatedAt: now,
        sequence: store.nextSequence(),
      };
      if (!store.insertPromotionCode(account, code)) return promotionCodeExists(body.code);
      return { status: 200, body: promotionCodeObject(code, coupon, false) };
    },
    listPromotionCodes: ({ auth, query }) => {
      const account = accountOf(auth);
      const all = store.listPromotionCodes(account);
      const maxResults = query.maxResults ?? 20;
      let start = 0;
      if (query.pageToken !== undefined) {
        const at = all.findIndex((c) => c.id === decodeToken(query.pageToken!));
        if (at === -1) return smartpayError(400, "request.invalid", "Input parameter or payload is invalid", [{ name: "pageToken" }]);
        start = at + 1;
      }
      const page = all.slice(start, start + maxResults);
      const data = page.map((c) => promotionCodeObject(c, store.getCoupon(account, c.coupon), query.expand === "all"));
      const body: T.PromotionCodeCollection = { object: "collection", maxResults, results: data.length, data };
      if (query.pageToken !== undefined) body.pageToken = query.pageToken;
      if (start + maxResults < all.length && page.length > 0) body.nextPageToken = encodeToken(page[page.length - 1]!.id);
      return { status: 200, body };
    },
    retrievePromotionCode: ({ auth, params, query }) => {
      const account = accountOf(auth);
      const code = store.getPromotionCode(account, params.id);
      if (!code) return promotionCodeNotFound();
      return { status: 200, body: promotionCodeObject(code, store.getCoupon(account, code.coupon), query.expand === "all") };
    },
    updatePromotionCode: ({ auth, params, body }) => {
      const account = accountOf(auth);
      const code = store.getPromotionCode(account, params.id);
      if (!code) return promotionCodeNotFound();
      if (body.active !== undefined) code.active = body.active;
      if (body.metadata !== undefined) code.metadata = body.metadata;
      code.updatedAt = Math.max(Date.now(), code.updatedAt);
      store.savePromotionCode(account, code);
      return { status: 200, body: promotionCodeObject(code, store.getCoupon(account, code.coupon), false) };
    },
  };
}
