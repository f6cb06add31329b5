// qs ships no types of its own: with or without @types/qs in the user's project, the one function used
// here has the local type below ("Could not find a declaration file for module 'qs'" never stops a build).
// @ts-ignore
import qsModule from "qs";
import type { RequestIssue, ServerLimits } from "./types.js";

interface QueryStringParser {
  parse(text: string, options: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
const qs = qsModule as QueryStringParser;

/** Keys that could reach an object's prototype when a body is merged somewhere later. */
const POLLUTION_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export interface ResolvedLimits {
  bodyBytes: number;
  depth: number;
  jsonDepth: number;
  arrayLimit: number;
  parameterLimit: number;
}

export function resolveLimits(limits: ServerLimits | undefined): ResolvedLimits {
  const depth = limits?.depth ?? 8;
  return {
    bodyBytes: limits?.bodyBytes ?? 1024 * 1024,
    depth,
    jsonDepth: Math.max(depth, 32),
    arrayLimit: limits?.arrayLimit ?? 100,
    parameterLimit: limits?.parameterLimit ?? 1000,
  };
}

export type ParseOutcome = { ok: true; value: unknown } | { ok: false; issue: RequestIssue };

/** What qs's decoder does to a key or value: `+` is a space, then percent-decoding (kept as it is when malformed). */
function decodeFormPart(text: string): string {
  const spaced = text.indexOf("+") === -1 ? text : text.replace(/\+/g, " ");
  if (spaced.indexOf("%") === -1) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `[`, `]` or their percent-encodings: qs reads bracket notation from them. */
const BRACKETS = /[[\]]|%5[bd]/i;

/**
 * `a=1&b=x+y` without qs: flat pairs, decoded as qs decodes them, set on `out` (a key-less pair is
 * skipped, as qs skips it). Undefined whenever qs must parse the text: brackets, a repeated key, a key
 * `usable` turns down, more than `parameterLimit` pairs. For the common flat forms this is several
 * times cheaper than qs, with the same answer.
 */
export function parseFlatForm<T extends Record<string, unknown>>(text: string, parameterLimit: number, out: T, usable: (key: string) => boolean): T | undefined {
  if (BRACKETS.test(text)) return undefined;
  let start = 0;
  let pairs = 0;
  while (start <= text.length) {
    let end = text.indexOf("&", start);
    if (end === -1) end = text.length;
    if (++pairs > parameterLimit) return undefined;
    const equals = text.indexOf("=", start);
    const split = equals !== -1 && equals < end;
    const key = decodeFormPart(text.slice(start, split ? equals : end));
    if (key !== "") {
      if (!usable(key) || Object.hasOwn(out, key)) return undefined;
      (out as Record<string, unknown>)[key] = split ? decodeFormPart(text.slice(equals + 1, end)) : "";
    }
    start = end + 1;
  }
  return out;
}

/** Keys the flat path leaves to qs: pollution keys and `Object.prototype`'s own names (qs drops those). */
const ordinaryKey = (key: string): boolean => !POLLUTION_KEYS.has(key) && !Object.hasOwn(Object.prototype, key);

/** `a[b]=1&expand[]=x&expand[0]=y` → nested object; bracket notation only, with limits. */
export function parseFormString(text: string, limits: ResolvedLimits, location: "query" | "body"): ParseOutcome {
  if (text === "") return { ok: true, value: {} };
  const flat = text.charCodeAt(0) === 63 /* ? */ ? undefined : parseFlatForm(text, limits.parameterLimit, {}, ordinaryKey);
  if (flat !== undefined) return { ok: true, value: flat };
  try {
    const value = qs.parse(text, {
      allowPrototypes: false,
      allowDots: false,
      depth: limits.depth,
      strictDepth: true,
      arrayLimit: limits.arrayLimit,
      parameterLimit: limits.parameterLimit,
      throwOnLimitExceeded: true,
      ignoreQueryPrefix: true,
      plainObjects: false,
      charset: "utf-8",
    });
    return { ok: true, value: stripPollution(value, limits.depth + 2) };
  } catch (error) {
    return {
      ok: false,
      issue: {
        location,
        name: "",
        kind: "invalid",
        message: `${location === "body" ? "form body" : "query string"} rejected: ${(error as Error).message}`,
      },
    };
  }
}

/** JSON with pollution keys dropped and nesting bounded. */
export function parseJsonString(text: string, limits: ResolvedLimits): ParseOutcome {
  if (text.trim() === "") return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issue: { location: "body", name: "", kind: "invalid", message: `invalid JSON: ${(error as Error).message}` } };
  }
  if (depthOf(value, limits.jsonDepth) > limits.jsonDepth) {
    return {
      ok: false,
      issue: { location: "body", name: "", kind: "invalid", message: `JSON nested deeper than ${limits.jsonDepth} levels` },
    };
  }
  return { ok: true, value: stripPollution(value, limits.jsonDepth + 1) };
}

/** Depth of a value, counting no further than `cap + 1` (never recurses past it). */
function depthOf(value: unknown, cap: number, level = 0): number {
  if (level > cap || value === null || typeof value !== "object") return level;
  let deepest = level;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, cap, level + 1));
    if (deepest > cap) break;
  }
  return deepest;
}

/** Copies `value` without `__proto__`, `constructor` and `prototype` keys, into ordinary objects. */
export function stripPollution(value: unknown, maxDepth: number): unknown {
  if (maxDepth < 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => stripPollution(item, maxDepth - 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (POLLUTION_KEYS.has(key)) continue;
    out[key] = stripPollution((value as Record<string, unknown>)[key], maxDepth - 1);
  }
  return out;
}

/**
 * `a=1; b=x%20y` → { a: "1", b: "x y" }: the Cookie header's pairs, values percent-decoded when they
 * can be; the first occurrence of a name wins (RFC 6265 §5.4 sends the most specific cookie first).
 */
export function parseCookieHeader(header: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "");
  for (const part of text.split(";")) {
    const at = part.indexOf("=");
    if (at === -1) continue;
    const name = part.slice(0, at).trim();
    if (name === "" || POLLUTION_KEYS.has(name) || name in out) continue;
    out[name] = decodeSafe(part.slice(at + 1).trim().replace(/^"(.*)"$/, "$1"));
  }
  return { ...out };
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The part of a URL after `?`, or "". */
export function rawQuery(url: string): string {
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at + 1);
}

/** `application/x-www-form-urlencoded; charset=utf-8` → `application/x-www-form-urlencoded`. */
export function essence(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}
