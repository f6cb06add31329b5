/** What a client call can throw besides ParameterError (encode.ts). Each carries a stable `code` (RUNTIME_ERROR_CODES). */
import type { ClientErrorCode } from "../shared/error-codes.js";

/** Which call failed: carried by every client error. */
export interface CallContext {
  operationId: string;
  method: string;
  url: string;
}

/** The server answered with a status outside 2xx (after any retries). */
export class ApiError<TBody = unknown> extends Error {
  readonly code: ClientErrorCode = "SCC001";
  readonly status: number;
  /** the parsed JSON error body, typed from the spec's error responses; undefined when it was not JSON */
  readonly body: TBody | undefined;
  /** the body as received */
  readonly rawBody: string;
  /** the `Request-Id` (or `X-Request-Id`) response header */
  readonly requestId: string | undefined;
  readonly headers: Headers;
  readonly operationId: string;
  readonly method: string;
  readonly url: string;

  constructor(init: CallContext & { status: number; body: TBody | undefined; rawBody: string; headers: Headers }) {
    super(`${init.operationId}: HTTP ${init.status}${describeBody(init.body)}`);
    this.name = "ApiError";
    this.status = init.status;
    this.body = init.body;
    this.rawBody = init.rawBody;
    this.headers = init.headers;
    this.requestId = init.headers.get("request-id") ?? init.headers.get("x-request-id") ?? undefined;
    this.operationId = init.operationId;
    this.method = init.method;
    this.url = init.url;
  }
}

/** A message from the common error shapes: Stripe's `{error: {message}}`, `{message}`. */
function describeBody(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const record = body as Record<string, unknown>;
  const inner = typeof record["error"] === "object" && record["error"] !== null ? (record["error"] as Record<string, unknown>) : record;
  return typeof inner["message"] === "string" ? `: ${inner["message"]}` : "";
}

/** No response arrived (refused, reset, DNS...), after any retries. */
export class ConnectionError extends Error {
  readonly code: ClientErrorCode = "SCC002";
  constructor(
    readonly context: CallContext,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`${context.operationId}: no response from ${context.method.toUpperCase()} ${context.url} after ${attempts} attempt(s)`, options);
    this.name = "ConnectionError";
  }
}

/** Every attempt ran out of time. */
export class TimeoutError extends ConnectionError {
  override readonly code: ClientErrorCode = "SCC003";
  constructor(context: CallContext, attempts: number, readonly timeoutMs: number) {
    super(context, attempts, { cause: new Error(`timed out after ${timeoutMs} ms`) });
    this.message = `${context.operationId}: ${context.method.toUpperCase()} ${context.url} timed out after ${timeoutMs} ms (${attempts} attempt(s))`;
    this.name = "TimeoutError";
  }
}

export interface ValidationIssue {
  instancePath: string;
  message?: string;
  schemaPath: string;
}

/** `validateResponses` is on and a documented response broke its schema. */
export class ResponseValidationError extends Error {
  readonly code: ClientErrorCode = "SCC004";
  constructor(
    readonly context: CallContext,
    readonly status: number,
    readonly issues: readonly ValidationIssue[],
    readonly body: unknown,
  ) {
    const first = issues[0];
    super(`${context.operationId}: the ${status} response does not match the spec: ${first ? `${first.instancePath || "/"} ${first.message ?? ""}` : "invalid"}`);
    this.name = "ResponseValidationError";
  }
}

/**
 * A 2xx answer whose body is not the JSON the spec documents for that status (an HTML error page from
 * a proxy, an empty body, malformed JSON): never resolved as the typed success body.
 */
export class UnexpectedResponseError extends Error {
  readonly code: ClientErrorCode = "SCC005";
  readonly status: number;
  /** the body as received */
  readonly rawBody: string;
  /** the response's media type ("" when it sent none) */
  readonly contentType: string;
  /** the `Request-Id` (or `X-Request-Id`) response header */
  readonly requestId: string | undefined;
  readonly headers: Headers;

  constructor(
    readonly context: CallContext,
    init: { status: number; rawBody: string; headers: Headers; expected: readonly string[] },
  ) {
    const contentType = init.headers.get("content-type") ?? "";
    const got = init.rawBody === "" ? "an empty body" : `'${contentType || "(no content type)"}' that is not valid JSON`;
    super(`${context.operationId}: the ${init.status} response should be ${init.expected.join(" or ")} but was ${got}`);
    this.name = "UnexpectedResponseError";
    this.status = init.status;
    this.rawBody = init.rawBody;
    this.contentType = contentType;
    this.headers = init.headers;
    this.requestId = init.headers.get("request-id") ?? init.headers.get("x-request-id") ?? undefined;
  }
}
