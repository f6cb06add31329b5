/** Smartpay objects as the reference keeps them, scoped per secret key. */
export interface SmartpayCoupon {
  id: string;
  name: string;
  discountType: "amount" | "percentage";
  discountAmount?: number;
  discountPercentage?: number;
  currency?: string;
  expiresAt: number | null;
  maxRedemptionCount: number | null;
  metadata: Record<string, string>;
  redemptionCount: number;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface SmartpayPromotionCode {
  id: string;
  code: string;
  coupon: string;
  active: boolean;
  currency: string | null;
  minimumAmount: number | null;
  expiresAt: number | null;
  firstTimeTransaction: boolean;
  onePerCustomer: boolean;
  maxRedemptionCount: number | null;
  redemptionCount: number;
  metadata: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  sequence: number;
}

export interface SmartpayStore {
  getCoupon(account: string, id: string): SmartpayCoupon | undefined;
  insertCoupon(account: string, coupon: SmartpayCoupon): void;
  getPromotionCode(account: string, id: string): SmartpayPromotionCode | undefined;
  /** newest first */
  listPromotionCodes(account: string): SmartpayPromotionCode[];
  /** inserts unless the account already has this code in any case (atomic); returns false on a clash */
  insertPromotionCode(account: string, code: SmartpayPromotionCode): boolean;
  savePromotionCode(account: string, code: SmartpayPromotionCode): void;
  nextSequence(): number;
}

export class MemorySmartpayStore implements SmartpayStore {
  private readonly accounts = new Map<string, { coupons: Map<string, SmartpayCoupon>; codes: Map<string, SmartpayPromotionCode> }>();
  private sequence = 0;

  private data(account: string) {
    let data = this.accounts.get(account);
    if (!data) this.accounts.set(account, (data = { coupons: new Map(), codes: new Map() }));
    return data;
  }

  getCoupon(account: string, id: string): SmartpayCoupon | undefined {
    return structuredClone(this.data(account).coupons.get(id));
  }

  insertCoupon(account: string, coupon: SmartpayCoupon): void {
    this.data(account).coupons.set(coupon.id, structuredClone(coupon));
  }

  getPromotionCode(account: string, id: string): SmartpayPromotionCode | undefined {
    return structuredClone(this.data(account).codes.get(id));
  }

  listPromotionCodes(account: string): SmartpayPromotionCode[] {
    return [...this.data(account).codes.values()].sort((a, b) => b.createdAt - a.createdAt || b.sequence - a.sequence).map((c) => structuredClone(c));
  }

  insertPromotionCode(account: string, code: SmartpayPromotionCode): boolean {
    const codes = this.data(account).codes;
    const wanted = code.code.toLowerCase();
    for (const existing of codes.values()) if (existing.code.toLowerCase() === wanted) return false;
    codes.set(code.id, structuredClone(code));
    return true;
  }

  savePromotionCode(account: string, code: SmartpayPromotionCode): void {
    this.data(account).codes.set(code.id, structuredClone(code));
  }

  nextSequence(): number {
    return ++this.sequence;
  }
}
