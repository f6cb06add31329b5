import type { RequestIssue } from "../../runtime/server/index.js";
import type { IdempotencyMismatch } from "../idempotency.js";
import type { LimitReached } from "../ordered-log.js";

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export interface StripeErrorBody {
  error: { type: StripeErrorType; message: string; code?: string; param?: string; doc_url?: string; request_log_url?: string };
}

export interface StripeErrorResult {
  status: 400 | 401 | 404 | 429;
  body: StripeErrorBody;
}

export const MISSING_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
  "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, " +
  "or we can help at https://support.stripe.com/.";

/** A Stripe error; `doc_url` is `https://stripe.com/docs/error-codes/<code with dashes>` when there is a code. */
export function stripeError(
  status: StripeErrorResult["status"],
  fields: { message: string; code?: string; param?: string; type?: StripeErrorType },
): StripeErrorResult {
  const error: StripeErrorBody["error"] = { type: fields.type ?? "invalid_request_error", message: fields.message };
  if (fields.code) {
    error.code = fields.code;
    error.doc_url = `https://stripe.com/docs/error-codes/${fields.code.replace(/_/g, "-")}`;
  }
  if (fields.param) error.param = fields.param;
  return { status, body: { error } };
}

/** `restrictions.minimum_amount` → `restrictions[minimum_amount]`, as Stripe names parameters. */
export function bracketName(dotted: string): string {
  const [head = "", ...rest] = dotted.split(".");
  return head + rest.map((part) => `[${part}]`).join("");
}

/**
 * A key as Stripe echoes it in a 401, never whole. Past 12 characters the first 8 and the last 4 stay
 * (`sk_test_invalid` → `sk_test_****alid`, as in the specs). A shorter key shows only `****`, then
 * its last 4 characters when at least 4 others stay hidden (`sk_test_x` → `****st_x`, `abc` → `****`).
 */
export function redactKey(key: string): string {
  if (key.length <= 12) return `****${key.length >= 8 ? key.slice(-4) : ""}`;
  const head = key.slice(0, 8);
  const tail = key.slice(-4);
  return `${head}${"*".repeat(Math.max(4, key.length - 12))}${tail}`;
}

/** Stripe's 400 `idempotency_error` for a key reused on another endpoint or with other parameters. */
export function idempotencyError(mismatch: IdempotencyMismatch): StripeErrorResult {
  const retry = `Try using a key other than '${mismatch.key}' if you meant to execute a different request.`;
  const message =
    mismatch.reason === "endpoint"
      ? `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${mismatch.storedEndpoint}' vs '${mismatch.endpoint}'). ${retry}`
      : `Keys for idempotent requests can only be used with the same parameters they were first used with. ${retry}`;
  return stripeError(400, { type: "idempotency_error", message });
}

export function resourceMissing(kind: string, id: string, param: string): StripeErrorResult {
  return stripeError(404, { code: "resource_missing", message: `No such ${kind}: '${id}'`, param });
}

const TYPE_MESSAGES: Record<string, (value: string) => { message: string; code?: string }> = {
  integer: (v) => ({ message: `Invalid integer: ${v}`, code: "parameter_invalid_integer" }),
  number: (v) => ({ message: `Invalid decimal: ${v}` }),
  boolean: (v) => ({ message: `Invalid boolean: ${v}` }),
  object: () => ({ message: "Invalid hash" }),
  array: () => ({ message: "Invalid array" }),
  string: () => ({ message: "Invalid string" }),
};

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "";
}

/** The first request issue as Stripe reports it (400, `invalid_request_error`). */
export function errorFromIssues(issues: RequestIssue[]): StripeErrorResult {
  const issue = issues[0]!;
  const param = bracketName(issue.name);
  if (issue.location === "header" && issue.name === "content-type") {
    return stripeError(400, {
      message: `Invalid request: unsupported Content-Type ${show(issue.value ?? "") || "(none)"}. Request bodies must be application/x-www-form-urlencoded.`,
    });
  }
  if (issue.name === "" && issue.location === "body") return stripeError(400, { message: `Invalid request body: ${issue.message}` });
  if (issue.name === "") return stripeError(400, { message: `Invalid request: ${issue.message}` });
  switch (issue.kind) {
    case "missing":
      return stripeError(400, { code: "parameter_missing", message: `Missing required param: ${param}.`, param });
    case "unknown":
      return stripeError(400, { code: "parameter_unknown", message: `Received unknown parameter: ${param}`, param });
    case "type": {
      const found = TYPE_MESSAGES[(issue.expected ?? "string").split(",")[0]!] ?? TYPE_MESSAGES.string!;
      return stripeError(400, { ...found(show(issue.value)), param });
    }
    case "range":
      return stripeError(400, { message: rangeMessage(param, issue), param });
    case "format":
      return stripeError(400, { message: formatMessage(param, issue), param });
    case "enum":
      return stripeError(400, { message: `Invalid ${param}: must be one of ${(issue.expected ?? "").replace(/"/g, "")}`, param });
    default:
      return stripeError(400, { message: `Invalid ${param}: ${issue.message}`, param });
  }
}

/** What a pattern allows, in words (our own wording: Stripe's texts for these are not public). */
const PATTERN_WORDS = new Map([
  ["^[a-zA-Z0-9]+$", "letters and digits"],
  ["^[a-zA-Z0-9-]+$", "letters, digits and dashes"],
  ["^[a-z]{3}$", "a three-letter currency code"],
]);

function formatMessage(param: string, issue: RequestIssue): string {
  const allowed = PATTERN_WORDS.get(issue.expected ?? "");
  if (allowed) return `Invalid ${param}: ${show(issue.value).slice(0, 50)} may only contain ${allowed}.`;
  return `Invalid ${param}: ${show(issue.value).slice(0, 50)} is not in the expected format.`;
}

function rangeMessage(param: string, issue: RequestIssue): string {
  if (param === "limit") return "Invalid limit: must be between 1 and 100";
  if (param.startsWith("metadata")) return metadataMessage(param, issue);
  const [comparison = "", limit = ""] = (issue.expected ?? "").split(" ");
  if (comparison === "maxLength" || comparison === "minLength") {
    const bound = comparison === "maxLength" ? "at most" : "at least";
    return `Invalid string: ${show(issue.value).slice(0, 50)}; must be ${bound} ${limit} characters`;
  }
  if (comparison === ">=" || comparison === ">") return `This value must be greater than ${comparison === ">=" ? "or equal to " : ""}${limit}.`;
  if (comparison === "<=" || comparison === "<") return `This value must be less than ${comparison === "<=" ? "or equal to " : ""}${limit}.`;
  return `Invalid ${param}: ${issue.message}`;
}

function metadataMessage(param: string, issue: RequestIssue): string {
  if (param === "metadata") return "Invalid metadata: metadata can have up to 50 keys.";
  const key = param.slice("metadata[".length, -1);
  if (!(issue.expected ?? "").startsWith("property name") && typeof issue.value === "string") return `Invalid metadata: metadata values can have up to 500 characters, but the value of \`${key}\` has ${issue.value.length}.`;
  return `Invalid metadata: metadata keys can have up to 40 characters, but \`${key}\` has ${key.length}.`;
}

/**
 * A store limit reached. The server's own bounds (too many keys, too many objects in total) answer as
 * Stripe's rate limiter does: 429, code `rate_limit`, its documented message
 * (https://docs.stripe.com/rate-limits, https://docs.stripe.com/error-codes#rate-limit). One key's
 * bound has no Stripe counterpart: 400 in our own words.
 */
export function limitError(reached: LimitReached): StripeErrorResult {
  if (reached === "account") {
    return stripeError(400, { message: "This API key holds as many objects as the reference server keeps for one key; no more can be created." });
  }
  return stripeError(429, { code: "rate_limit", message: "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests." });
}
