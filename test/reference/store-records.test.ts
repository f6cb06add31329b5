import { describe, expect, it } from "vitest";
import { MemorySmartpayStore, type SmartpayPromotionCode } from "../../reference/smartpay/store.js";
import { MemoryStripeStore, type PromotionCodeRecord } from "../../reference/stripe/store.js";

const KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

function stripeCode(id: string): PromotionCodeRecord {
  return {
    id,
    code: "SPRING",
    coupon: "c1",
    created: 1_700_000_000,
    sequence: 1,
    active: true,
    customer: null,
    customer_account: null,
    expires_at: null,
    max_redemptions: null,
    metadata: { team: "a" },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    times_redeemed: 0,
  };
}

// The stores keep a frozen copy of what they are given and hand that copy out on every read (no
// copy per read): nothing a caller does to its own objects, before or after, changes what is stored.
describe("reference stores: stored records", () => {
  it("Stripe: a record changed after insert, or a read record, leaves the stored one as it was", () => {
    const store = new MemoryStripeStore();
    const mine = stripeCode("promo_1");
    expect(store.insertPromotionCode(KEY, mine, () => false)).toEqual({ ok: true });
    mine.active = false;
    mine.metadata.team = "b";
    const read = store.getPromotionCode(KEY, "promo_1")!;
    expect(read).toMatchObject({ active: true, metadata: { team: "a" } });
    expect(() => (read.active = false)).toThrow(TypeError);
    expect(() => (read.restrictions.minimum_amount = 5)).toThrow(TypeError);
    expect(store.getPromotionCode(KEY, "promo_1")).toEqual(read);
    expect(store.getPromotionCode(KEY, "promo_1")!.restrictions.minimum_amount).toBeNull();
  });

  it("Stripe: a saved update is a new stored record; the one read before it does not change", () => {
    const store = new MemoryStripeStore();
    store.insertPromotionCode(KEY, stripeCode("promo_1"), () => false);
    const before = store.getPromotionCode(KEY, "promo_1")!;
    store.savePromotionCode(KEY, { ...structuredClone(before), active: false });
    expect(before.active).toBe(true);
    expect(store.getPromotionCode(KEY, "promo_1")!.active).toBe(false);
  });

  it("Smartpay: the same", () => {
    const store = new MemorySmartpayStore();
    const mine: SmartpayPromotionCode = {
      id: "promotioncode_test_1",
      code: "SPRING",
      coupon: "coupon_test_1",
      active: true,
      currency: null,
      minimumAmount: null,
      expiresAt: null,
      firstTimeTransaction: false,
      onePerCustomer: false,
      maxRedemptionCount: null,
      redemptionCount: 0,
      metadata: { team: "a" },
      createdAt: 1,
      updatedAt: 1,
      sequence: 1,
    };
    expect(store.insertPromotionCode(KEY, mine)).toBeUndefined();
    mine.metadata.team = "b";
    const read = store.getPromotionCode(KEY, mine.id)!;
    expect(read.metadata).toEqual({ team: "a" });
    expect(() => (read.metadata.team = "c")).toThrow(TypeError);
  });
});
