/** Bounds on what `--state` keeps: the oldest object goes first when a bound is reached. */
export interface StoreLimits {
  perCollection: number;
  total: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { perCollection: 1000, total: 10_000 };

/** Objects by collection and id, in insertion order (Maps: ids from requests never index plain objects). */
export class MockStore {
  private readonly collections = new Map<string, Map<string, Record<string, unknown>>>();
  private size = 0;
  private counter = 0;
  constructor(private readonly limits: StoreLimits = DEFAULT_STORE_LIMITS) {}

  /** A new id, shaped like a sample one (`promo_1Abc` → `promo_mock000001`). */
  newId(sample: unknown): string | number {
    this.counter++;
    if (typeof sample === "number") return 1000 + this.counter;
    const prefix = typeof sample === "string" ? /^([A-Za-z]+_)/.exec(sample)?.[1] ?? "" : "";
    return `${prefix}mock${this.counter.toString(36).padStart(6, "0")}`;
  }

  /** how many ids were asked for so far (a seed for drawn ones) */
  get serial(): number {
    return this.counter;
  }

  get(collection: string, id: string): Record<string, unknown> | undefined {
    return this.collections.get(collection)?.get(id);
  }

  /** The object with this id in any collection. */
  find(id: string): Record<string, unknown> | undefined {
    for (const items of this.collections.values()) {
      const found = items.get(id);
      if (found) return found;
    }
    return undefined;
  }

  list(collection: string): Record<string, unknown>[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  put(collection: string, id: string, value: Record<string, unknown>): void {
    let items = this.collections.get(collection);
    if (!items) {
      items = new Map();
      this.collections.set(collection, items);
    }
    if (!items.has(id)) this.size++;
    items.set(id, value);
    if (items.size > this.limits.perCollection) this.evictOldest(items);
    while (this.size > this.limits.total) {
      const fullest = [...this.collections.values()].reduce((a, b) => (b.size > a.size ? b : a));
      this.evictOldest(fullest);
    }
  }

  delete(collection: string, id: string): boolean {
    const removed = this.collections.get(collection)?.delete(id) ?? false;
    if (removed) this.size--;
    return removed;
  }

  get count(): number {
    return this.size;
  }

  private evictOldest(items: Map<string, Record<string, unknown>>): void {
    const oldest = items.keys().next();
    if (!oldest.done) {
      items.delete(oldest.value);
      this.size--;
    }
  }
}
