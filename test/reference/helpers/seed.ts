import type { SmartpayPromotionCode, SmartpayStore } from "../../../reference/smartpay/store.js";
import type { CouponRecord, PromotionCodeRecord, StripeStore } from "../../../reference/stripe/store.js";

/** Stripe coupons and codes put straight into a store (no HTTP), for tests and benches with many codes. */
export function seedStripe(store: StripeStore, account: string, count: number, options: { coupons?: string[]; created?: number } = {}): PromotionCodeRecord[] {
  const coupons = options.coupons ?? ["seedcoup"];
  for (const id of coupons) {
    const coupon: CouponRecord = {
      id, created: 1_700_000_000, amount_off: null, currency: null, duration: "once", duration_in_months: null,
      max_redemptions: null, metadata: {}, name: null, percent_off: 10, redeem_by: null, times_redeemed: 0,
      applies_to: null, currency_options: null, deleted: false,
    };
    store.insertCoupon(account, coupon);
  }
  const records: PromotionCodeRecord[] = [];
  for (let i = 0; i < count; i++) {
    const record: PromotionCodeRecord = {
      id: `promo_seed${String(i).padStart(8, "0")}`, code: `SEED${i}`, coupon: coupons[i % coupons.length]!,
      created: (options.created ?? 1_700_000_000) + Math.floor(i / 100), sequence: store.nextSequence(), active: true,
      customer: null, customer_account: null, expires_at: null, max_redemptions: null, metadata: {},
      restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null }, times_redeemed: 0,
    };
    const inserted = store.insertPromotionCode(account, record, () => false);
    if (!inserted.ok) throw new Error(`seedStripe: code ${i} refused`);
    records.push(record);
  }
  return records;
}

/** Smartpay codes put straight into a store, all on one coupon (`coupon_test_seed`). */
export function seedSmartpay(store: SmartpayStore, account: string, count: number): SmartpayPromotionCode[] {
  const now = 1_700_000_000_000;
  store.insertCoupon(account, {
    id: "coupon_test_seed", name: "seed", discountType: "percentage", discountPercentage: 10, expiresAt: null,
    maxRedemptionCount: null, metadata: {}, redemptionCount: 0, active: true, createdAt: now, updatedAt: now,
  });
  const records: SmartpayPromotionCode[] = [];
  for (let i = 0; i < count; i++) {
    const code: SmartpayPromotionCode = {
      id: `promotioncode_test_seed${String(i).padStart(8, "0")}`, code: `SEED${i}`, coupon: "coupon_test_seed", active: true,
      currency: null, minimumAmount: null, expiresAt: null, firstTimeTransaction: false, onePerCustomer: false,
      maxRedemptionCount: null, redemptionCount: 0, metadata: {}, createdAt: now + i, updatedAt: now + i, sequence: store.nextSequence(),
    };
    if (store.insertPromotionCode(account, code)) throw new Error(`seedSmartpay: code ${i} refused`);
    records.push(code);
  }
  return records;
}
