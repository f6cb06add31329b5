import type { FastifyRequest } from "fastify";
import { ParsedBody, parseFormString, resolveLimits } from "../../runtime/server/index.js";
import { invalidCurrencyMessage, isStripeCurrency } from "./currencies.js";
import { bracketName, stripeError, type StripeErrorResult } from "./errors.js";

/** Parameters Stripe parses as integers / decimals, wherever they sit (outside metadata). */
const INTEGER_NAMES = new Set(["amount_off", "duration_in_months", "expires_at", "limit", "max_redemptions", "minimum_amount", "redeem_by", "created"]);
const DECIMAL_NAMES = new Set(["percent_off"]);
const CURRENCY_NAMES = new Set(["currency", "minimum_amount_currency"]);
const RANGE_KEYS = new Set(["gt", "gte", "lt", "lte"]);
/** Parameters that are lists: a scalar (`expand=x`) is not coerced into one; Stripe answers "Invalid array". */
const ARRAY_NAMES = new Set(["expand", "products"]);
const LIMITS = resolveLimits(undefined);

/**
 * Digits only, with an optional minus; within ±(2^53 − 1). Stripe refuses hex, exponents, padding and
 * `Infinity` with "Invalid integer"; its exact range and its view of leading zeros are not public, so
 * the stricter answer: refused.
 */
const isInteger = (text: string): boolean => /^-?(0|[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text));
const isDecimal = (text: string): boolean => /^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && Number.isFinite(Number(text));

type Found = StripeErrorResult | undefined;

function emptyString(path: string[]): StripeErrorResult {
  const name = bracketName(path.join("."));
  return stripeError(400, {
    code: "parameter_invalid_empty",
    message: `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
    param: name,
  });
}

/**
 * One string leaf at `path` (outside metadata); the parameter's name is worked out only for an error.
 * Currency leaves are lower-cased in place by the caller.
 */
function checkLeaf(path: string[], text: string): Found {
  if (text === "") return emptyString(path);
  const last = path[path.length - 1]!;
  const integer = INTEGER_NAMES.has(last) || (path.includes("created") && RANGE_KEYS.has(last));
  if (integer && !isInteger(text)) return stripeError(400, { code: "parameter_invalid_integer", message: `Invalid integer: ${text}`, param: bracketName(path.join(".")) });
  if (DECIMAL_NAMES.has(last) && !isDecimal(text)) return stripeError(400, { message: `Invalid decimal: ${text}`, param: bracketName(path.join(".")) });
  if (CURRENCY_NAMES.has(last) && !isStripeCurrency(text.toLowerCase())) return stripeError(400, { message: invalidCurrencyMessage(text.toLowerCase()), param: bracketName(path.join(".")) });
  return undefined;
}

/** `currency_options[USD]` → `currency_options[usd]`; unknown currencies are refused. */
function normaliseCurrencyKeys(holder: Record<string, unknown>, path: string[]): Found {
  const options = holder.currency_options;
  if (options === null || typeof options !== "object" || Array.isArray(options)) return undefined;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) {
    const code = key.toLowerCase();
    if (!isStripeCurrency(code)) return stripeError(400, { message: invalidCurrencyMessage(code), param: bracketName([...path, "currency_options", key].join(".")) });
    out[code] = value;
  }
  holder.currency_options = out;
  return undefined;
}

/** Walks parameters (not metadata), checking leaves and lower-casing currencies in place. */
function walk(value: unknown, path: string[]): Found {
  if (typeof value === "string") return checkLeaf(path, value);
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  const holder = value as Record<string, unknown>;
  const found = normaliseCurrencyKeys(holder, path);
  if (found) return found;
  for (const key of Object.keys(holder)) {
    if (path.length === 0 && key === "metadata") continue; // any key, any value; `metadata=` unsets all
    const child = holder[key];
    if (ARRAY_NAMES.has(key) && !Array.isArray(child)) return stripeError(400, { message: "Invalid array", param: bracketName([...path, key].join(".")) });
    if (path[path.length - 1] === "created" && !RANGE_KEYS.has(key)) {
      const name = bracketName([...path, key].join("."));
      return stripeError(400, { code: "parameter_unknown", message: `Received unknown parameter: ${name}`, param: name });
    }
    const inner = walk(child, [...path, key]);
    if (inner) return inner;
    if (CURRENCY_NAMES.has(key) && typeof child === "string") holder[key] = child.toLowerCase();
  }
  return undefined;
}

/**
 * Stripe's own parameter rules, checked on the raw form values before the spec's validators coerce
 * them: empty strings, integers and decimals, currencies (normalised to lower case), range filters
 * and lists given as scalars.
 */
export function checkStripeInput(request: FastifyRequest): StripeErrorResult | undefined {
  const at = request.url.indexOf("?");
  if (at === -1 && !(request.body instanceof ParsedBody)) return undefined; // no parameters at all (a retrieve)
  const parsed = parseFormString(at === -1 ? "" : request.url.slice(at + 1), LIMITS, "query");
  const query = parsed.ok ? (parsed.value as Record<string, unknown>) : {};
  const body = request.body instanceof ParsedBody && request.body.outcome.ok ? request.body.outcome.value : undefined;
  for (const params of [query, body]) {
    if (params === null || typeof params !== "object" || Array.isArray(params)) continue;
    const found = walk(params, []);
    if (found) return found;
  }
  return undefined;
}
