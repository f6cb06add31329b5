import type { RequestIssue } from "../../runtime/server/index.js";

export interface SmartpayErrorResult {
  status: 400 | 401 | 404 | 409;
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
