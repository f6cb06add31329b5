import type { RequestContext } from "../runtime/server/index.js";

/** How long a key's stored response is kept: Stripe keeps keys for 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How many keys one account keeps at most; past it the oldest go first. */
export const IDEMPOTENCY_MAX_KEYS = 10_000;
/** How many records the server keeps over all accounts, and for how many accounts at most. */
export const IDEMPOTENCY_MAX_TOTAL = 200_000;
export const IDEMPOTENCY_MAX_ACCOUNTS = 10_000;

/** The first response given for an `Idempotency-Key`, whatever the API. */
export interface IdempotencyRecord {
  /** the path and the parameters of the first request (stable JSON) */
  fingerprint: string;
  /** the path of the first request, without its query */
  endpoint: string;
  status: number;
  body: unknown;
  /** the id of the request that produced it, when the API names requests (Stripe's `Original-Request`) */
  requestId?: string;
  /** when it was stored, in milliseconds from the store's clock */
  storedAt: number;
}

/** Stored responses by account (API key) and `Idempotency-Key`; each method is one atomic step. */
export interface IdempotencyStore {
  get(account: string, key: string): IdempotencyRecord | undefined;
  save(account: string, key: string, record: Omit<IdempotencyRecord, "storedAt">): void;
  /** whether one more record can be saved for `account` (a store that never fills up may leave this out) */
  hasRoom?(account: string): boolean;
}

export interface MemoryIdempotencyOptions {
  /** how long a record is kept (default 24 hours) */
  ttlMs?: number;
  /** records per account at most (default 10,000; the oldest are dropped) */
  maxPerAccount?: number;
  /** records over all accounts at most (default 200,000); past it new keys are refused, never evicted */
  maxTotal?: number;
  /** accounts holding records at most (default 10,000) */
  maxAccounts?: number;
  /** the clock, in milliseconds (default `Date.now`) */
  now?: () => number;
}

/** The default: in memory, records expire after `ttlMs`, and each account keeps `maxPerAccount` at most. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly accounts = new Map<string, Map<string, IdempotencyRecord>>();
  private readonly ttlMs: number;
  private readonly maxPerAccount: number;
  private readonly maxTotal: number;
  private readonly maxAccounts: number;
  private readonly now: () => number;
  private total = 0;

  constructor(options: MemoryIdempotencyOptions = {}) {
    this.ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
    this.maxPerAccount = options.maxPerAccount ?? IDEMPOTENCY_MAX_KEYS;
    this.maxTotal = options.maxTotal ?? IDEMPOTENCY_MAX_TOTAL;
    this.maxAccounts = options.maxAccounts ?? IDEMPOTENCY_MAX_ACCOUNTS;
    this.now = options.now ?? Date.now;
  }

  /**
   * An account at its own bound always has room (its oldest record makes way); otherwise a new
   * account needs a free account slot and any record needs room in the total.
   */
  hasRoom(account: string): boolean {
    const records = this.accounts.get(account);
    if (records) this.prune(account, records);
    const held = this.accounts.get(account)?.size ?? 0;
    if (held >= this.maxPerAccount) return true;
    if (held === 0 && this.accounts.size >= this.maxAccounts) return false;
    return this.total < this.maxTotal;
  }

  /** records held over all accounts */
  get totalSize(): number {
    return this.total;
  }

  get(account: string, key: string): IdempotencyRecord | undefined {
    const records = this.accounts.get(account);
    const record = records?.get(key);
    if (!records || !record) return undefined;
    if (this.expired(record)) {
      this.drop(account, records, key);
      return undefined;
    }
    return structuredClone(record);
  }

  save(account: string, key: string, record: Omit<IdempotencyRecord, "storedAt">): void {
    let records = this.accounts.get(account);
    if (!records) this.accounts.set(account, (records = new Map()));
    if (records.has(key)) this.drop(account, records, key); // a key saved again (after it expired) moves to the newest end
    if (!this.accounts.has(account)) this.accounts.set(account, records);
    records.set(key, { ...structuredClone(record), storedAt: this.now() });
    this.total++;
    this.prune(account, records);
  }

  /** how many records an account holds (expired ones included until they are pruned) */
  size(account: string): number {
    return this.accounts.get(account)?.size ?? 0;
  }

  private expired(record: IdempotencyRecord): boolean {
    return this.now() - record.storedAt >= this.ttlMs;
  }

  /** Maps iterate in insertion order, so the oldest records come first: drop expired ones and any past the bound. */
  private prune(account: string, records: Map<string, IdempotencyRecord>): void {
    for (const [key, record] of records) {
      if (records.size <= this.maxPerAccount && !this.expired(record)) break;
      this.drop(account, records, key);
    }
  }

  private drop(account: string, records: Map<string, IdempotencyRecord>, key: string): void {
    if (records.delete(key)) this.total--;
    if (records.size === 0) this.accounts.delete(account);
  }
}

/** JSON with sorted keys: the same parameters give the same text, whatever their order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** Why a key cannot be used for this request: it was first used on another endpoint, or with other parameters. */
export interface IdempotencyMismatch {
  key: string;
  reason: "endpoint" | "parameters";
  storedEndpoint: string;
  endpoint: string;
}

export interface IdempotentCall<A extends StoredAnswer> {
  store: IdempotencyStore;
  account: string;
  ctx: RequestContext<unknown, unknown, unknown, unknown>;
  run: () => A;
  /** the API's own error for a key reused on another endpoint or with other parameters */
  refuse: (mismatch: IdempotencyMismatch) => A;
  /** the API's own error when the store has no room for another key (nothing is run) */
  full: () => A;
  requestId?: string;
}

export type IdempotentOutcome<A> =
  | { kind: "none"; answer: A } // no Idempotency-Key
  | { kind: "first"; answer: A; key: string }
  | { kind: "replayed"; answer: A; key: string; record: IdempotencyRecord }
  | { kind: "refused"; answer: A; key: string };

/**
 * `Idempotency-Key` on a write: the first answer is stored (per account) and replayed for the same
 * key, endpoint and parameters; the same key elsewhere or with other parameters is refused.
 * Check, run and save happen in one synchronous step, so concurrent retries cannot both run.
 */
export function runIdempotent<A extends StoredAnswer>(call: IdempotentCall<A>): IdempotentOutcome<A> {
  const { ctx, store, account } = call;
  const key = (ctx.headers as Record<string, string | undefined> | undefined)?.["idempotency-key"];
  if (!key) return { kind: "none", answer: call.run() };
  const endpoint = ctx.request.url.split("?")[0]!;
  const fingerprint = stableJson({ params: ctx.params, body: ctx.body ?? {} });
  const stored = store.get(account, key);
  if (stored) {
    const reason = stored.endpoint !== endpoint ? "endpoint" : stored.fingerprint !== fingerprint ? "parameters" : undefined;
    if (reason) return { kind: "refused", key, answer: call.refuse({ key, reason, storedEndpoint: stored.endpoint, endpoint }) };
    return { kind: "replayed", key, record: stored, answer: { status: stored.status, body: structuredClone(stored.body) } as A };
  }
  if (store.hasRoom && !store.hasRoom(account)) return { kind: "refused", key, answer: call.full() };
  const answer = call.run();
  store.save(account, key, {
    fingerprint,
    endpoint,
    status: answer.status,
    body: structuredClone(answer.body),
    ...(call.requestId !== undefined ? { requestId: call.requestId } : {}),
  });
  return { kind: "first", key, answer };
}
