import { frozenCopy } from "../frozen.js";
import { Capacity, DEFAULT_STORE_LIMITS, OrderedLog, walkPage, type LimitReached, type StoreLimits } from "../ordered-log.js";

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

/** A page of codes, newest first, after the code with id `after` when given. */
export type SmartpayPage = { items: SmartpayPromotionCode[]; hasMore: boolean } | { missingCursor: string };

/**
 * Each method is one atomic step; reads never create anything, whatever the key. A write stores a
 * frozen copy (`frozenCopy`) and a read answers that stored record, frozen: code that changes one
 * works on a copy (`thawed`) and saves it.
 */
export interface SmartpayStore {
  getCoupon(account: string, id: string): SmartpayCoupon | undefined;
  /** the limit a new object would pass, if any (then nothing is stored) */
  insertCoupon(account: string, coupon: SmartpayCoupon): LimitReached | undefined;
  getPromotionCode(account: string, id: string): SmartpayPromotionCode | undefined;
  /** newest first, `limit` codes after the code `after`; costs O(limit) */
  listPromotionCodes(account: string, limit: number, after?: string): SmartpayPage;
  /** inserts unless the account already has this code in any case, or a limit is reached */
  insertPromotionCode(account: string, code: SmartpayPromotionCode): "exists" | LimitReached | undefined;
  savePromotionCode(account: string, code: SmartpayPromotionCode): void;
  nextSequence(): number;
}

interface AccountData {
  coupons: Map<string, SmartpayCoupon>;
  codes: OrderedLog<SmartpayPromotionCode>;
  /** lower-cased code → id: uniqueness without a scan */
  idByCode: Map<string, string>;
}

export class MemorySmartpayStore implements SmartpayStore {
  private readonly accounts = new Map<string, AccountData>();
  private readonly capacity: Capacity;
  private sequence = 0;
  /** records looked at by lists so far (tests read it) */
  touched = 0;

  constructor(limits: Partial<StoreLimits> = {}) {
    this.capacity = new Capacity({ ...DEFAULT_STORE_LIMITS, ...limits });
  }

  private writable(account: string): AccountData {
    let data = this.accounts.get(account);
    if (!data) this.accounts.set(account, (data = { coupons: new Map(), codes: new OrderedLog(), idByCode: new Map() }));
    return data;
  }

  /** how many keys hold objects */
  get accountCount(): number {
    return this.accounts.size;
  }

  getCoupon(account: string, id: string): SmartpayCoupon | undefined {
    return this.accounts.get(account)?.coupons.get(id);
  }

  insertCoupon(account: string, coupon: SmartpayCoupon): LimitReached | undefined {
    const full = this.capacity.check(account);
    if (full) return full;
    this.writable(account).coupons.set(coupon.id, frozenCopy(coupon));
    this.capacity.add(account);
    return undefined;
  }

  getPromotionCode(account: string, id: string): SmartpayPromotionCode | undefined {
    return this.accounts.get(account)?.codes.get(id);
  }

  listPromotionCodes(account: string, limit: number, after?: string): SmartpayPage {
    const codes = this.accounts.get(account)?.codes;
    const at = after === undefined ? undefined : codes?.ordinalOf(after);
    if (after !== undefined && at === undefined) return { missingCursor: after };
    if (!codes) return { items: [], hasMore: false };
    const page = walkPage({ from: 0, to: at ?? codes.size, direction: "older", limit, accept: () => true, touch: () => this.touched++ });
    return { items: page.ordinals.map((o) => codes.at(o)), hasMore: page.hasMore };
  }

  insertPromotionCode(account: string, code: SmartpayPromotionCode): "exists" | LimitReached | undefined {
    const wanted = code.code.toLowerCase();
    if (this.accounts.get(account)?.idByCode.has(wanted)) return "exists";
    const full = this.capacity.check(account);
    if (full) return full;
    const data = this.writable(account);
    data.codes.append(code.id, frozenCopy(code));
    data.idByCode.set(wanted, code.id);
    this.capacity.add(account);
    return undefined;
  }

  /** a code's text never changes, so the index stays as it is */
  savePromotionCode(account: string, code: SmartpayPromotionCode): void {
    this.accounts.get(account)?.codes.replace(code.id, frozenCopy(code));
  }

  nextSequence(): number {
    return ++this.sequence;
  }
}
