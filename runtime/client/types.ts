/** The per-operation data a generated client carries, and the options its users pass. */
import type { HttpMethod, SecurityScheme } from "../shared/contract.js";

export type { HttpMethod };

export interface ParameterSpec {
  name: string;
  /** OpenAPI style: simple, form, spaceDelimited, pipeDelimited, deepObject */
  style: string;
  explode: boolean;
  required: boolean;
}

/** How a list operation reaches its next page. */
export type PaginationSpec =
  /** `data` + `has_more`; the next page starts after the last item's `id` (or ends before the first one's). */
  | { kind: "cursor"; after: string; before?: string }
  /** `data` + a next-page token in the response (`next_page`, `nextPageToken`) passed back as `param`. */
  | { kind: "token"; param: string; next: string };

export interface OperationSpec {
  method: HttpMethod;
  /** path template, `/v1/promotion_codes/{promotion_code}` */
  path: string;
  pathParams: readonly ParameterSpec[];
  query: readonly ParameterSpec[];
  /** request media type; absent when the operation sends no body */
  body?: string;
  /**
   * every top-level body field the body schema allows, when it allows no others; absent when the
   * schema is open (any field may be sent)
   */
  bodyFields?: readonly string[];
  /** documented status ("200", "4XX", "default") → its media types */
  responses: Readonly<Record<string, readonly string[]>>;
  pagination?: PaginationSpec;
}

export type OperationTable = Readonly<Record<string, OperationSpec>>;

/** resource name → operationId (a method) or a nested resource */
export interface ResourceTree {
  readonly [name: string]: string | ResourceTree;
}

/** A security scheme as the generated client.ts lists it: the shared shape without its name. */
export type SecuritySpec = Omit<SecurityScheme, "name">;

/** What the generated file knows about its API as a whole. */
export interface ApiSpec {
  operations: OperationTable;
  resources: ResourceTree;
  security: readonly SecuritySpec[];
  /** the spec's `info.version`, sent in `versionHeader` unless `apiVersion` overrides it */
  version: string;
  versionHeader?: string;
}

export interface RetryOptions {
  /** first backoff delay; doubles each attempt (default 500 ms) */
  baseDelayMs?: number;
  /** backoff cap (default 8 s) */
  maxDelayMs?: number;
  /** longest `Retry-After` honoured (default 60 s); a longer one is capped to it */
  maxRetryAfterMs?: number;
}

export interface ClientOptions {
  /** e.g. `https://api.stripe.com` or `http://127.0.0.1:4010`; the operation path is appended */
  baseUrl: string;
  /** secret key; sent as Bearer when the API allows it, else Basic (key as user name), else its apiKey header/query */
  apiKey?: string;
  /** sent in the version header (Stripe: `Stripe-Version`); defaults to the spec's `info.version` */
  apiVersion?: string;
  fetch?: typeof globalThis.fetch;
  /** per attempt (default 30 s) */
  timeoutMs?: number;
  /** retries after the first attempt (default 2) */
  maxRetries?: number;
  retry?: RetryOptions;
  /** validate every documented response body with the generated validators */
  validateResponses?: boolean;
  /** extra headers on every request */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  /** replaces the generated Idempotency-Key of a POST */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  apiVersion?: string;
}

/** A request's parameter object is optional exactly when `{}` would be a valid one. */
export type Args<P> = {} extends P ? [params?: P, options?: RequestOptions] : [params: P, options?: RequestOptions];

/** Query and body fields in one object; an empty body schema adds nothing. */
export type Merge<Q, B> = string extends keyof B ? (B[string & keyof B] extends never ? Q : Q & B) : Q & B;

/** For operations without query or body parameters. */
export type NoParams = Record<string, never>;

/** The item type of a page (`data: Item[]`). */
export type ItemOf<Page> = Page extends { data: readonly (infer Item)[] } ? Item : unknown;
