/** Stripe's objects as the reference keeps them (version-neutral), and the store they live in. */
export interface CouponRecord {
  id: string;
  created: number;
  amount_off: number | null;
  currency: string | null;
  duration: "forever" | "once" | "repeating";
  duration_in_months: number | null;
  max_redemptions: number | null;
  metadata: Record<string, string>;
  name: string | null;
  percent_off: number | null;
  redeem_by: number | null;
  times_redeemed: number;
}

export interface PromotionCodeRecord {
  id: string;
  code: string;
  coupon: string;
  created: number;
  /** insertion order, to keep "newest first" stable within one second */
  sequence: number;
  active: boolean;
  customer: string | null;
  customer_account: string | null;
  expires_at: number | null;
  max_redemptions: number | null;
  metadata: Record<string, string>;
  restrictions: {
    first_time_transaction: boolean;
    minimum_amount: number | null;
    minimum_amount_currency: string | null;
    currency_options?: Record<string, { minimum_amount: number }>;
  };
  times_redeemed: number;
}

/**
 * Everything is scoped by `account` (the API key): one key never sees another key's objects.
 * Each method is one atomic step; `insertPromotionCode` checks uniqueness and inserts together.
 */
export interface StripeStore {
  getCoupon(account: string, id: string): CouponRecord | undefined;
  insertCoupon(account: string, coupon: CouponRecord): boolean;
  getPromotionCode(account: string, id: string): PromotionCodeRecord | undefined;
  /** newest first */
  listPromotionCodes(account: string): PromotionCodeRecord[];
  /**
   * Inserts unless `conflicts(existing)` holds for one of the account's codes with the same text
   * regardless of case (the only codes that can clash); returns the conflicting one.
   */
  insertPromotionCode(
    account: string,
    code: PromotionCodeRecord,
    conflicts: (existing: PromotionCodeRecord) => boolean,
  ): PromotionCodeRecord | undefined;
  savePromotionCode(account: string, code: PromotionCodeRecord): void;
  /** the account's codes whose text equals `code` regardless of case (the only ones that can clash) */
  promotionCodesNamed(account: string, code: string): PromotionCodeRecord[];
  nextSequence(): number;
}

interface AccountData {
  coupons: Map<string, CouponRecord>;
  promotionCodes: Map<string, PromotionCodeRecord>;
  /** lower-cased code → ids: the uniqueness check looks at these only, not at every code */
  idsByCode: Map<string, Set<string>>;
}

/** The default store: plain maps in memory, lost on restart. */
export class MemoryStripeStore implements StripeStore {
  private readonly accounts = new Map<string, AccountData>();
  private sequence = 0;

  private account(account: string): AccountData {
    let data = this.accounts.get(account);
    if (!data) {
      data = { coupons: new Map(), promotionCodes: new Map(), idsByCode: new Map() };
      this.accounts.set(account, data);
    }
    return data;
  }

  getCoupon(account: string, id: string): CouponRecord | undefined {
    return structuredClone(this.account(account).coupons.get(id));
  }

  insertCoupon(account: string, coupon: CouponRecord): boolean {
    const coupons = this.account(account).coupons;
    if (coupons.has(coupon.id)) return false;
    coupons.set(coupon.id, structuredClone(coupon));
    return true;
  }

  getPromotionCode(account: string, id: string): PromotionCodeRecord | undefined {
    return structuredClone(this.account(account).promotionCodes.get(id));
  }

  listPromotionCodes(account: string): PromotionCodeRecord[] {
    return [...this.account(account).promotionCodes.values()]
      .sort((a, b) => b.created - a.created || b.sequence - a.sequence)
      .map((code) => structuredClone(code));
  }

  insertPromotionCode(
    account: string,
    code: PromotionCodeRecord,
    conflicts: (existing: PromotionCodeRecord) => boolean,
  ): PromotionCodeRecord | undefined {
    const data = this.account(account);
    const key = code.code.toLowerCase();
    const clash = this.named(data, key).find(conflicts);
    if (clash) return structuredClone(clash);
    data.promotionCodes.set(code.id, structuredClone(code));
    let ids = data.idsByCode.get(key);
    if (!ids) data.idsByCode.set(key, (ids = new Set()));
    ids.add(code.id);
    return undefined;
  }

  /** Saves an update; a code's text never changes after create, so the index stays as it is. */
  savePromotionCode(account: string, code: PromotionCodeRecord): void {
    this.account(account).promotionCodes.set(code.id, structuredClone(code));
  }

  promotionCodesNamed(account: string, code: string): PromotionCodeRecord[] {
    return this.named(this.account(account), code.toLowerCase()).map((c) => structuredClone(c));
  }

  private named(data: AccountData, key: string): PromotionCodeRecord[] {
    return [...(data.idsByCode.get(key) ?? [])].map((id) => data.promotionCodes.get(id)!);
  }

  nextSequence(): number {
    return ++this.sequence;
  }
}
