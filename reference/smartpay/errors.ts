import type { RequestIssue } from "../../runtime/server/index.js";
import type { IdempotencyMismatch } from "../idempotency.js";
import type { LimitReached } from "../ordered-log.js";

export interface SmartpayErrorResult {
  status: 400 | 401 | 404 | 409 | 429;
  body: { statusCode: number; errorCode: string; message: string; details?: unknown[] };
}

export function smartpayError(status: SmartpayErrorResult["status"], errorCode: string, message: string, details?: unknown[]): SmartpayErrorResult {
  return { status, body: { statusCode: status, errorCode, message, ...(details ? { details } : {}) } };
}

export const unauthorized = (): SmartpayErrorResult => smartpayError(401, "unauthorized", "Unauthorized");

/** Smartpay answers every invalid request with `request.invalid`; the details name the field. */
export function requestInvalid(issues: RequestIssue[]): SmartpayErrorResult {
  const details = issues.map((i) => ({ location: i.location, name: i.name, kind: i.kind, message: i.message }));
  return smartpayError(400, "request.invalid", "Input parameter or payload is invalid", details);
}

export const couponNotFound = (): SmartpayErrorResult =>
  smartpayError(404, "coupon.not-found", "No coupon was found meeting the requirements. Make sure to specify the right coupon id and API key.");

export const promotionCodeNotFound = (): SmartpayErrorResult =>
  smartpayError(
    404,
    "promotion-code.not-found",
    "No promotion code was found meeting the requirements. Make sure to specify the right promotion code id and API key.",
  );

export const promotionCodeExists = (code: string): SmartpayErrorResult =>
  smartpayError(409, "promotion-code.exists", `The promotion code ${code} already exists. The code needs to be unique across all of your promotion codes.`);

/**
 * A reused `Idempotency-Key` on another endpoint or with other parameters. Smartpay documents no
 * error of its own for this, so it is its documented 400 `request.invalid`, naming the header.
 */
export function idempotencyKeyReused(mismatch: IdempotencyMismatch): SmartpayErrorResult {
  const first = mismatch.reason === "endpoint" ? `on ${mismatch.storedEndpoint}` : "with other parameters";
  const message = `Idempotency-Key ${mismatch.key} was first used ${first}; use a new key for a different request.`;
  return smartpayError(400, "request.invalid", "Input parameter or payload is invalid", [
    { location: "header", name: "idempotency-key", kind: "invalid", message },
  ]);
}

/**
 * A store limit reached. Smartpay documents no error for it, so these are our own: one key's bound is
 * its documented 400 `request.invalid`; the server's own bounds are 429 `request.rate-limited`.
 */
export function limitReached(reached: LimitReached): SmartpayErrorResult {
  if (reached === "account") {
    return smartpayError(400, "request.invalid", "This secret key holds as many objects as the reference server keeps for one key.");
  }
  return smartpayError(429, "request.rate-limited", "The reference server holds as much as it keeps; try again later.");
}
