import type { RequestContext } from "../runtime/server/index.js";

/** How long a key's stored response is kept: Stripe keeps keys for 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How many keys one account keeps at most; past it the oldest go first. */
export const IDEMPOTENCY_MAX_KEYS = 10_000;

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
}

export interface MemoryIdempotencyOptions {
  /** how long a record is kept (default 24 hours) */
  ttlMs?: number;
  /** records per account at most (default 10,000; the oldest are dropped) */
  maxPerAccount?: number;
  /** the clock, in milliseconds (default `Date.now`) */
  now?: () => number;
}

/** The default: in memory, records expire after `ttlMs`, and each account keeps `maxPerAccount` at most. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly accounts = new Map<string, Map<string, IdempotencyRecord>>();
  private readonly ttlMs: number;
  private readonly maxPerAccount: number;
  private readonly now: () => number;

  constructor(options: MemoryIdempotencyOptions = {}) {
    this.ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
    this.maxPerAccount = options.maxPerAccount ?? IDEMPOTENCY_MAX_KEYS;
    this.now = options.now ?? Date.now;
  }

  get(account: string, key: string): IdempotencyRecord | undefined {
    const records = this.accounts.get(account);
    const record = records?.get(key);
    if (!records || !record) return undefined;
    if (this.expired(record)) {
      records.delete(key);
      return undefined;
    }
    return structuredClone(record);
  }

  save(account: string, key: string, record: Omit<IdempotencyRecord, "storedAt">): void {
    let records = this.accounts.get(account);
    if (!records) this.accounts.set(account, (records = new Map()));
    records.delete(key); // a key saved again (after it expired) moves to the newest end
    records.set(key, { ...structuredClone(record), storedAt: this.now() });
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
      records.delete(key);
    }
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
