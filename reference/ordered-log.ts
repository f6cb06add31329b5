/**
 * Records in insertion order with their position (ordinal), for lists that cost O(limit): a page is
 * a walk from a cursor's ordinal, newest first, through all the records or through a sorted index of
 * ordinals (e.g. one coupon's codes), never a sort or a filter of everything stored.
 */
export class OrderedLog<T> {
  private readonly items: T[] = [];
  private readonly ordinals = new Map<string, number>();

  /** adds a record at the newest end; answers its ordinal */
  append(id: string, item: T): number {
    const ordinal = this.items.length;
    this.items.push(item);
    this.ordinals.set(id, ordinal);
    return ordinal;
  }

  /** replaces a stored record in place (its position does not change) */
  replace(id: string, item: T): void {
    const ordinal = this.ordinals.get(id);
    if (ordinal !== undefined) this.items[ordinal] = item;
  }

  get(id: string): T | undefined {
    const ordinal = this.ordinals.get(id);
    return ordinal === undefined ? undefined : this.items[ordinal];
  }

  ordinalOf(id: string): number | undefined {
    return this.ordinals.get(id);
  }

  at(ordinal: number): T {
    return this.items[ordinal]!;
  }

  get size(): number {
    return this.items.length;
  }

  /** the first ordinal whose key is ≥ `value`, for keys that never decrease along the log (binary search) */
  lowerBound(keyOf: (item: T) => number, value: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(this.items[mid]!) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The first index of a sorted array whose value is ≥ `value`. */
export function lowerBoundOf(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface PageWalk {
  /** ordinals to walk, ascending (an index); undefined walks every ordinal */
  among?: readonly number[];
  /** the walk stays within ordinals [from, to) */
  from: number;
  to: number;
  /** "older": from `to - 1` down (newest first); "newer": from `from` up (for `ending_before`) */
  direction: "older" | "newer";
  limit: number;
  accept: (ordinal: number) => boolean;
  /** counts every record looked at (tests prove that a page's cost does not grow with the store) */
  touch?: () => void;
}

/**
 * One page, newest first: the first `limit` accepted ordinals in the walk's direction, and whether
 * another exists. It stops at `limit + 1` accepted records; only rejected ones cost more.
 */
export function walkPage(walk: PageWalk): { ordinals: number[]; hasMore: boolean } {
  const found: number[] = [];
  const list = walk.among;
  let start = walk.from;
  let end = walk.to;
  if (list) {
    start = lowerBoundOf(list, walk.from);
    end = lowerBoundOf(list, walk.to);
  }
  const ordinalAt = (i: number): number => (list ? list[i]! : i);
  const step = walk.direction === "older" ? -1 : 1;
  for (let i = walk.direction === "older" ? end - 1 : start; i >= start && i < end; i += step) {
    walk.touch?.();
    const ordinal = ordinalAt(i);
    if (!walk.accept(ordinal)) continue;
    found.push(ordinal);
    if (found.length > walk.limit) break;
  }
  const hasMore = found.length > walk.limit;
  const page = found.slice(0, walk.limit);
  return { ordinals: walk.direction === "older" ? page : page.reverse(), hasMore };
}

/** How much a reference server keeps, per key and in total. */
export interface StoreLimits {
  /** keys (accounts) holding objects at most */
  accounts: number;
  /** objects (coupons, codes, customers) per key at most */
  objectsPerAccount: number;
  /** objects over all keys at most */
  objectsTotal: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { accounts: 10_000, objectsPerAccount: 100_000, objectsTotal: 1_000_000 };

/** Which limit a write would pass: this key's ("account"), the number of keys, or the server's total. */
export type LimitReached = "account" | "accounts" | "total";

/** Counts objects per key and in total, and says which limit one more object would pass. */
export class Capacity {
  private readonly perAccount = new Map<string, number>();
  private total = 0;

  constructor(readonly limits: StoreLimits) {}

  /** the limit one more object for `account` would pass, if any */
  check(account: string): LimitReached | undefined {
    const held = this.perAccount.get(account);
    if (held === undefined && this.perAccount.size >= this.limits.accounts) return "accounts";
    if ((held ?? 0) >= this.limits.objectsPerAccount) return "account";
    if (this.total >= this.limits.objectsTotal) return "total";
    return undefined;
  }

  add(account: string): void {
    this.perAccount.set(account, (this.perAccount.get(account) ?? 0) + 1);
    this.total++;
  }

  remove(account: string): void {
    const held = this.perAccount.get(account) ?? 0;
    if (held <= 1) this.perAccount.delete(account);
    else this.perAccount.set(account, held - 1);
    if (held > 0) this.total--;
  }

  get accounts(): number {
    return this.perAccount.size;
  }
}
