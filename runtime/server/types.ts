import type { FastifyReply, FastifyRequest } from "fastify";
import type { OperationValidatorSet, SecurityScheme } from "../shared/contract.js";

/** Where a request problem is. */
export type IssueLocation = "path" | "query" | "header" | "cookie" | "body";
export type IssueKind = "missing" | "unknown" | "type" | "format" | "range" | "enum" | "invalid";

/** One problem with a request, in terms an implementation can turn into its own error shape. */
export interface RequestIssue {
  location: IssueLocation;
  /** parameter name, or the dotted path inside the body (`restrictions.minimum_amount`); "" for the whole body */
  name: string;
  kind: IssueKind;
  /** the expected type, format, enum values or range, when there is one */
  expected?: string;
  message: string;
  /** the value received, when there is one (before coercion) */
  value?: unknown;
}

export interface AuthInfo {
  /** the securityScheme name from the spec */
  scheme: string;
  kind: "basic" | "bearer" | "apiKey";
  username?: string;
  password?: string;
  token?: string;
  apiKey?: string;
}

/** Header parameters arrive with lower-case names (HTTP header names are case-insensitive). */
export type LowercaseKeys<T> = { [K in keyof T as K extends string ? Lowercase<K> : K]: T[K] };

export interface RequestContext<P = unknown, Q = unknown, H = unknown, B = unknown, C = Record<string, unknown>> {
  params: P;
  query: Q;
  headers: H;
  body: B;
  /** the operation's declared cookie parameters, validated and coerced */
  cookies: C;
  auth: AuthInfo | null;
  operationId: string;
  request: FastifyRequest;
}

/** What a handler, onAuth or onRequestError answers. */
export interface HandlerResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** defaults to the first media type documented for the status (or application/json) */
  mediaType?: string;
}

export type HandlerResult<R> = R | Promise<R>;

/** Context given to onAuth and onRequestError (no validated values yet). */
export interface ErrorContext {
  operationId: string;
  auth: AuthInfo | null;
  request: FastifyRequest;
}

export interface ServerLimits {
  /** largest request body in bytes (default 1 MiB) */
  bodyBytes?: number;
  /** deepest bracket nesting in form and query strings, and JSON nesting (default 8 / 32) */
  depth?: number;
  /** largest array index in form and query strings (default 100) */
  arrayLimit?: number;
  /** most parameters in one form or query string (default 1000) */
  parameterLimit?: number;
}

export interface ServerOptions<H> {
  handlers: H;
  /** answers a request that failed parsing or validation; default: 400 `{ issues }` */
  onRequestError?: (issues: RequestIssue[], ctx: ErrorContext) => HandlerResult<HandlerResponse>;
  /** runs before validation; a result short-circuits the request */
  onAuth?: (auth: AuthInfo | null, ctx: ErrorContext) => HandlerResult<HandlerResponse | undefined>;
  /** check every response against the spec: an undocumented status or invalid body becomes a 500 */
  checkResponses?: boolean;
  limits?: ServerLimits;
  /** report query parameters the operation does not declare as `unknown` issues (default false) */
  rejectUnknownQuery?: boolean;
  /** where response-check failures and handler crashes are logged (default: request.log.error) */
  log?: (line: string) => void;
}

/** One operation as the generated table describes it. */
export interface OperationSpec {
  operationId: string;
  handler: string;
  method: string;
  /** Fastify syntax: `/v1/coupons/:coupon` */
  url: string;
  /** Fastify param key → spec parameter name */
  pathParams: Record<string, string>;
  queryParams: string[];
  /** lower-case names */
  headerParams: string[];
  /** cookie parameter names */
  cookieParams: string[];
  body?: { required: boolean; mediaTypes: string[] };
  /**
   * status ("200", "4XX", "default") → the response's pointer, its media types → schema pointer ("" without
   * a schema), and media type → the schema ajv's `#/…` error paths start from for errors about the body
   * itself (the response schema, or the component its `$ref` leads to); absent when that is ambiguous.
   */
  responses: Record<string, { pointer: string; contents: Record<string, string>; roots?: Record<string, string> }>;
  /** alternatives, each a list of scheme names that must hold together */
  security: string[][];
  pointer: string;
}

/** A security scheme as the generated server.ts lists it (one definition: runtime/shared/contract.ts). */
export type SecuritySchemeSpec = SecurityScheme;

export type { OperationValidatorSet };

/** Everything the generated server.ts hands to the runtime. */
export interface ApiDefinition {
  title: string;
  version: string;
  operations: OperationSpec[];
  securitySchemes: SecuritySchemeSpec[];
  /** every operation's validators, at hand (the mock's, compiled on first use) */
  validators?: Record<string, OperationValidatorSet>;
  /**
   * or one operation's request or response validators, loaded on its first request (generated server.ts:
   * validators/by-operation.ts, so a server starts without loading any validator module, and loads
   * response validators only with checkResponses)
   */
  loadValidators?: (operationId: string, part: "request" | "responses") => Promise<Partial<OperationValidatorSet> | undefined>;
  /** ajv `$defs` key → spec pointer (to name the schema a response broke) */
  defPointers: Record<string, string>;
}

export interface RouteDefinition {
  method: string;
  url: string;
  operationId: string;
  /**
   * answer the request; a promise only when onAuth, onRequestError or the handler answered one (the
   * response is already sent when a plain undefined comes back)
   */
  handle: (request: FastifyRequest, reply: FastifyReply) => void | Promise<void>;
  /** answer the request through onRequestError (used for errors Fastify raises before the handler) */
  reject: (issues: RequestIssue[], request: FastifyRequest, reply: FastifyReply) => void | Promise<void>;
}
