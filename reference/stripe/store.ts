import { frozenCopy, frozenCopyWith } from "../frozen.js";
import { Capacity, DEFAULT_STORE_LIMITS, OrderedLog, walkPage, type LimitReached, type StoreLimits } from "../ordered-log.js";

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
  applies_to: { products: string[] } | null;
  currency_options: Record<string, { amount_off: number }> | null;
  /** deleted coupons stay (their promotion codes still show them) but are gone for the API */
  deleted: boolean;
}

/** A page of coupons, newest first (deleted ones skipped). */
export interface CouponPageQuery {
  created?: Range;
  starting_after?: string;
  ending_before?: string;
  limit: number;
}

export interface CustomerRecord {
  id: string;
  created: number;
  description: string | null;
  email: string | null;
  metadata: Record<string, string>;
  name: string | null;
}

export interface PromotionCodeRecord {
  id: string;
  code: string;
  coupon: string;
  created: number;
  /** insertion order, to keep "newest first" stable within one second */
  sequence: number;
  /** as set by the caller; what a read shows is also limited by expiry and redemptions */
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

export type Range = number | { gt?: number; gte?: number; lt?: number; lte?: number };

/** A page of promotion codes: the index hints narrow the walk, `accept` applies the other filters. */
export interface PromotionCodePageQuery {
  /** only codes whose text equals this, regardless of case */
  code?: string;
  coupon?: string;
  customer?: string;
  created?: Range;
  starting_after?: string;
  ending_before?: string;
  limit: number;
  /** the remaining filters; sees the stored record, which it must not change */
  accept: (code: PromotionCodeRecord) => boolean;
}

export type Page<T> = { items: T[]; hasMore: boolean } | { missingCursor: string };
export type PromotionCodePage = Page<PromotionCodeRecord>;

export type InsertResult = { ok: true } | { ok: false; clash: PromotionCodeRecord } | { ok: false; full: LimitReached };

/**
 * Everything is scoped by `account` (the API key): one key never sees another key's objects.
 * Each method is one atomic step; `insertPromotionCode` checks uniqueness, limits and inserts together.
 * Reads never create anything, whatever the key. A write stores a frozen copy (`frozenCopy`) and a
 * read answers that stored record, frozen: code that changes one works on a copy (`thawed`) and saves it.
 */
export interface StripeStore {
  getCoupon(account: string, id: string): CouponRecord | undefined;
  /** "exists" when the id is taken, or the limit that a new object would pass */
  insertCoupon(account: string, coupon: CouponRecord): "exists" | LimitReached | undefined;
  /** saves an update (or a deletion: `deleted: true`) of a stored coupon */
  saveCoupon(account: string, coupon: CouponRecord): void;
  /** newest first, deleted coupons skipped; costs O(limit) plus deleted ones passed over */
  listCoupons(account: string, query: CouponPageQuery): Page<CouponRecord>;
  getCustomer(account: string, id: string): CustomerRecord | undefined;
  insertCustomer(account: string, customer: CustomerRecord): "exists" | LimitReached | undefined;
  getPromotionCode(account: string, id: string): PromotionCodeRecord | undefined;
  /** newest first; costs O(limit) plus the records `accept` turns down */
  listPromotionCodes(account: string, query: PromotionCodePageQuery): PromotionCodePage;
  /**
   * Inserts unless `conflicts(existing)` holds for one of the account's codes with the same text
   * regardless of case (the only codes that can clash), or a limit is reached.
   */
  insertPromotionCode(account: string, code: PromotionCodeRecord, conflicts: (existing: PromotionCodeRecord) => boolean): InsertResult;
  savePromotionCode(account: string, code: PromotionCodeRecord): void;
  /** the account's codes whose text equals `code` regardless of case (the only ones that can clash) */
  promotionCodesNamed(account: string, code: string): PromotionCodeRecord[];
  nextSequence(): number;
}

interface AccountData {
  /** coupons in insertion order, which is also `created` order */
  coupons: OrderedLog<CouponRecord>;
  customers: Map<string, CustomerRecord>;
  /** codes in insertion order, which is also `created` order (see `insertPromotionCode`) */
  codes: OrderedLog<PromotionCodeRecord>;
  /**
   * lower-cased code → ids: the uniqueness check looks at these only, not at every code. Most texts
   * belong to one code, kept as its id alone (no array per code in a store of 100,000).
   */
  idsByCode: Map<string, string | string[]>;
  /** coupon id / customer id → ordinals of its codes, ascending */
  byCoupon: Map<string, number[]>;
  byCustomer: Map<string, number[]>;
}

/** [from, to) of `created` values a range admits. */
function createdBounds(range: Range | undefined): [number, number] {
  if (range === undefined) return [-Infinity, Infinity];
  if (typeof range === "number") return [range, range + 1];
  const from = Math.max(range.gt !== undefined ? range.gt + 1 : -Infinity, range.gte ?? -Infinity);
  const to = Math.min(range.lt ?? Infinity, range.lte !== undefined ? range.lte + 1 : Infinity);
  return [from, to];
}

const idList = (ids: string | string[] | undefined): string[] => (ids === undefined ? [] : typeof ids === "string" ? [ids] : ids);

function pushTo(index: Map<string, number[]>, key: string | null, ordinal: number): void {
  if (key === null) return;
  const list = index.get(key);
  if (list) list.push(ordinal);
  else index.set(key, [ordinal]);
}

/** The default store: maps and ordered logs in memory, bounded per key and in total, lost on restart. */
export class MemoryStripeStore implements StripeStore {
  private readonly accounts = new Map<string, AccountData>();
  private readonly capacity: Capacity;
  private sequence = 0;
  /** records looked at by lists so far (a page's cost; tests read it) */
  touched = 0;

  constructor(limits: Partial<StoreLimits> = {}) {
    this.capacity = new Capacity({ ...DEFAULT_STORE_LIMITS, ...limits });
  }

  /** an account's data for a write, created on its first object */
  private writable(account: string): AccountData {
    let data = this.accounts.get(account);
    if (!data) {
      data = { coupons: new OrderedLog(), customers: new Map(), codes: new OrderedLog(), idsByCode: new Map(), byCoupon: new Map(), byCustomer: new Map() };
      this.accounts.set(account, data);
    }
    return data;
  }

  /** how many keys hold objects */
  get accountCount(): number {
    return this.accounts.size;
  }

  getCoupon(account: string, id: string): CouponRecord | undefined {
    return this.accounts.get(account)?.coupons.get(id);
  }

  insertCoupon(account: string, coupon: CouponRecord): "exists" | LimitReached | undefined {
    if (this.accounts.get(account)?.coupons.get(coupon.id)) return "exists";
    const full = this.capacity.check(account);
    if (full) return full;
    const coupons = this.writable(account).coupons;
    const created = Math.max(coupon.created, coupons.size > 0 ? coupons.at(coupons.size - 1).created : -Infinity);
    coupons.append(coupon.id, frozenCopyWith(coupon, { created }));
    this.capacity.add(account);
    return undefined;
  }

  saveCoupon(account: string, coupon: CouponRecord): void {
    this.accounts.get(account)?.coupons.replace(coupon.id, frozenCopy(coupon));
  }

  listCoupons(account: string, query: CouponPageQuery): Page<CouponRecord> {
    const coupons = this.accounts.get(account)?.coupons;
    const cursor = query.starting_after ?? query.ending_before;
    const at = cursor === undefined ? undefined : coupons?.ordinalOf(cursor);
    if (cursor !== undefined && (at === undefined || coupons!.at(at).deleted)) return { missingCursor: cursor };
    if (!coupons) return { items: [], hasMore: false };
    const [from, to] = this.ordinalRange(coupons, query.created, query.starting_after !== undefined ? at : undefined, query.ending_before !== undefined ? at : undefined);
    const page = walkPage({
      from,
      to,
      direction: query.ending_before !== undefined ? "newer" : "older",
      limit: query.limit,
      accept: (ordinal) => !coupons.at(ordinal).deleted,
      touch: () => this.touched++,
    });
    return { items: page.ordinals.map((o) => coupons.at(o)), hasMore: page.hasMore };
  }

  /** ordinals [from, to) within a `created` range, before `before` and after `after` */
  private ordinalRange<T extends { created: number }>(log: OrderedLog<T>, created: Range | undefined, before?: number, after?: number): [number, number] {
    const [createdFrom, createdTo] = createdBounds(created);
    let from = createdFrom === -Infinity ? 0 : log.lowerBound((c) => c.created, createdFrom);
    let to = createdTo === Infinity ? log.size : log.lowerBound((c) => c.created, createdTo);
    if (before !== undefined) to = Math.min(to, before);
    if (after !== undefined) from = Math.max(from, after + 1);
    return [from, to];
  }

  getCustomer(account: string, id: string): CustomerRecord | undefined {
    return this.accounts.get(account)?.customers.get(id);
  }

  insertCustomer(account: string, customer: CustomerRecord): "exists" | LimitReached | undefined {
    if (this.accounts.get(account)?.customers.has(customer.id)) return "exists";
    const full = this.capacity.check(account);
    if (full) return full;
    this.writable(account).customers.set(customer.id, frozenCopy(customer));
    this.capacity.add(account);
    return undefined;
  }

  getPromotionCode(account: string, id: string): PromotionCodeRecord | undefined {
    return this.accounts.get(account)?.codes.get(id);
  }

  listPromotionCodes(account: string, query: PromotionCodePageQuery): PromotionCodePage {
    const data = this.accounts.get(account);
    const cursor = query.starting_after ?? query.ending_before;
    const at = cursor === undefined ? undefined : data?.codes.ordinalOf(cursor);
    if (cursor !== undefined && at === undefined) return { missingCursor: cursor };
    if (!data) return { items: [], hasMore: false };
    const codes = data.codes;
    const [from, to] = this.ordinalRange(codes, query.created, query.starting_after !== undefined ? at : undefined, query.ending_before !== undefined ? at : undefined);
    const page = walkPage({
      among: this.indexFor(data, query),
      from,
      to,
      direction: query.ending_before !== undefined && query.starting_after === undefined ? "newer" : "older",
      limit: query.limit,
      accept: (ordinal) => query.accept(codes.at(ordinal)),
      touch: () => this.touched++,
    });
    return { items: page.ordinals.map((o) => codes.at(o)), hasMore: page.hasMore };
  }

  /** the smallest index that holds every code the query can match (undefined: all of them) */
  private indexFor(data: AccountData, query: PromotionCodePageQuery): readonly number[] | undefined {
    if (query.code !== undefined) {
      const ids = idList(data.idsByCode.get(query.code.toLowerCase()));
      return ids.map((id) => data.codes.ordinalOf(id)!).sort((a, b) => a - b);
    }
    if (query.customer !== undefined) return data.byCustomer.get(query.customer) ?? [];
    if (query.coupon !== undefined) return data.byCoupon.get(query.coupon) ?? [];
    return undefined;
  }

  insertPromotionCode(account: string, code: PromotionCodeRecord, conflicts: (existing: PromotionCodeRecord) => boolean): InsertResult {
    const existing = this.accounts.get(account);
    const key = code.code.toLowerCase();
    const clash = existing ? this.named(existing, key).find(conflicts) : undefined;
    if (clash) return { ok: false, clash };
    const full = this.capacity.check(account);
    if (full) return { ok: false, full };
    const data = this.writable(account);
    // `created` never decreases along the log, so a `created` range is found by binary search.
    const newest = data.codes.size > 0 ? data.codes.at(data.codes.size - 1).created : -Infinity;
    const stored = code.created >= newest ? frozenCopy(code) : frozenCopyWith(code, { created: newest });
    const ordinal = data.codes.append(stored.id, stored);
    const ids = data.idsByCode.get(key);
    if (ids === undefined) data.idsByCode.set(key, stored.id);
    else if (typeof ids === "string") data.idsByCode.set(key, [ids, stored.id]);
    else ids.push(stored.id);
    pushTo(data.byCoupon, stored.coupon, ordinal);
    pushTo(data.byCustomer, stored.customer, ordinal);
    this.capacity.add(account);
    return { ok: true };
  }

  /** Saves an update; a code's text, coupon and customer never change after create, so the indexes stay. */
  savePromotionCode(account: string, code: PromotionCodeRecord): void {
    this.accounts.get(account)?.codes.replace(code.id, frozenCopy(code));
  }

  promotionCodesNamed(account: string, code: string): PromotionCodeRecord[] {
    const data = this.accounts.get(account);
    return data ? this.named(data, code.toLowerCase()) : [];
  }

  private named(data: AccountData, key: string): PromotionCodeRecord[] {
    const ids = data.idsByCode.get(key);
    if (ids === undefined) return [];
    return typeof ids === "string" ? [data.codes.get(ids)!] : ids.map((id) => data.codes.get(id)!);
  }

  nextSequence(): number {
    return ++this.sequence;
  }
}
