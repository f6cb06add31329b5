import type { ClientErrorCode } from "../shared/error-codes.js";
/**
 * Request encoding: bracket notation for form bodies and deepObject queries (Stripe's convention),
 * OpenAPI styles for other query and path parameters, JSON and multipart bodies.
 */
import type { ParameterSpec } from "./types.js";

export type Pair = [key: string, value: string];

/** Thrown before any request is sent; `parameter` names the offending input. */
export class ParameterError extends TypeError {
  readonly code: ClientErrorCode = "SCC006";
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = "ParameterError";
  }
}

function scalar(name: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
  throw new ParameterError(name, `cannot encode a ${value === null ? "null" : typeof value} value here`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Blob);
}

/**
 * Bracket notation: `metadata[order_id]=6735`, `expand[]=coupon`, `items[0][price]=p_1`, `active=false`.
 * `undefined` is left out; `null` and `""` are sent as an empty value, which unsets the field (`metadata=`).
 * Arrays of scalars use `[]`; arrays of objects are indexed so their fields stay together.
 */
export function toBracketPairs(key: string, value: unknown, out: Pair[] = []): Pair[] {
  if (value === undefined) return out;
  if (value === null) {
    out.push([key, ""]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      toBracketPairs(isPlainObject(item) || Array.isArray(item) ? `${key}[${index}]` : `${key}[]`, item, out);
    });
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) toBracketPairs(`${key}[${k}]`, v, out);
  } else {
    out.push([key, scalar(key, value)]);
  }
  return out;
}

/** Percent-encode a key but keep its brackets readable, as Stripe's own libraries do. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, "[").replace(/%5D/g, "]");
}

export function serializePairs(pairs: readonly Pair[]): string {
  return pairs.map(([k, v]) => `${encodeKey(k)}=${encodeURIComponent(v)}`).join("&");
}

/** An `application/x-www-form-urlencoded` body in bracket notation. */
export function encodeForm(body: Record<string, unknown>): string {
  const pairs: Pair[] = [];
  for (const [k, v] of Object.entries(body)) toBracketPairs(k, v, pairs);
  return serializePairs(pairs);
}

const DELIMITERS: Record<string, string> = { form: ",", spaceDelimited: " ", pipeDelimited: "|" };

/** One query parameter per its style and explode. */
export function queryPairs(spec: ParameterSpec, value: unknown): Pair[] {
  if (value === undefined) return [];
  if (spec.style === "deepObject") return toBracketPairs(spec.name, value);
  const delimiter = DELIMITERS[spec.style] ?? ",";
  if (Array.isArray(value)) {
    const items = value.map((v, i) => scalar(`${spec.name}[${i}]`, v));
    return spec.explode ? items.map((v) => [spec.name, v]) : [[spec.name, items.join(delimiter)]];
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (spec.explode) return entries.map(([k, v]) => [k, scalar(`${spec.name}.${k}`, v)]);
    return [[spec.name, entries.flatMap(([k, v]) => [k, scalar(`${spec.name}.${k}`, v)]).join(",")]];
  }
  return [[spec.name, value === null ? "" : scalar(spec.name, value)]];
}

/** `/v1/promotion_codes/{promotion_code}` with each value percent-encoded (style simple). */
export function expandPath(template: string, specs: readonly ParameterSpec[], values: readonly unknown[]): string {
  let path = template;
  specs.forEach((spec, i) => {
    const value = values[i];
    if (value === undefined || value === null || value === "") {
      throw new ParameterError(spec.name, "required path parameter is missing or empty");
    }
    const text = Array.isArray(value) ? value.map((v) => scalar(spec.name, v)).join(",") : scalar(spec.name, value);
    path = path.split(`{${spec.name}}`).join(encodeURIComponent(text));
  });
  return path;
}

/** A multipart body: bracket keys, Blobs sent as files. */
export function encodeMultipart(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (value instanceof Blob) form.append(key, value);
    else for (const [k, v] of toBracketPairs(key, value)) form.append(k, v);
  }
  return form;
}

export interface EncodedBody {
  body: string | FormData;
  /** undefined for multipart: fetch sets the boundary itself */
  contentType?: string;
}

export function encodeBody(mediaType: string, body: unknown): EncodedBody {
  if (mediaType === "application/x-www-form-urlencoded") {
    return { body: encodeForm(asObject(body)), contentType: mediaType };
  }
  if (mediaType === "multipart/form-data") return { body: encodeMultipart(asObject(body)) };
  if (/json/i.test(mediaType)) return { body: JSON.stringify(body), contentType: mediaType };
  if (typeof body === "string") return { body, contentType: mediaType };
  throw new ParameterError("body", `cannot encode a ${typeof body} as ${mediaType}`);
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (!isPlainObject(body)) throw new ParameterError("body", "expected an object of fields");
  return body;
}
