import type { FastifyInstance } from "fastify";
import qs from "qs";
import { FORM_MEDIA, ParsedBody, parseFlatForm, type resolveLimits } from "../../runtime/server/index.js";

type ResolvedLimits = ReturnType<typeof resolveLimits>;

/** Stands in for `__proto__` while qs parses (qs drops that key whatever its options). */
const PROTO_STAND_IN = "\u0000__proto__\u0000";

/** Puts `__proto__` back wherever a key held it (`__proto__`, `x__proto__`…); every object is null-prototype, so the key is an ordinary own property. */
function restoreProto(value: unknown, depth: number): unknown {
  if (depth < 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => restoreProto(item, depth - 1));
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    out[key.includes(PROTO_STAND_IN) ? key.replaceAll(PROTO_STAND_IN, "__proto__") : key] = restoreProto((value as Record<string, unknown>)[key], depth - 1);
  }
  return out;
}

const withoutProto = (key: string): boolean => !key.includes("__proto__");

/** Set by `standInDecoder` when a key of the current parse held `__proto__` (qs parses synchronously). */
let sawProto = false;

/** qs's decoder: keys get PROTO_STAND_IN in place of `__proto__`. */
function standInDecoder(str: string, decode: (str: string, decoder?: unknown, charset?: string) => unknown, charset: string, type: "key" | "value"): string {
  const decoded = decode(str, decode, charset) as string;
  if (type !== "key" || !decoded.includes("__proto__")) return decoded;
  sawProto = true;
  return decoded.replaceAll("__proto__", PROTO_STAND_IN);
}

/**
 * Stripe stores any metadata key, `constructor`, `toString` and `__proto__` included. The runtime's
 * form parser drops keys named like `Object.prototype` members (so that a plain-object consumer cannot
 * be polluted); the Stripe reference replaces it with one that keeps them, in null-prototype objects,
 * under the same limits. The handlers copy metadata only into `Map`s and null-prototype objects.
 */
export function parseStripeForm(text: string, limits: ResolvedLimits): ParsedBody {
  // Flat forms (`coupon=…&code=…`) skip qs: same null-prototype answer; `__proto__` in a key goes through qs.
  const flat = text === "" ? undefined : parseFlatForm(text, limits.parameterLimit, Object.create(null) as Record<string, unknown>, withoutProto);
  if (flat !== undefined) return new ParsedBody(FORM_MEDIA, false, { ok: true, value: flat });
  try {
    sawProto = false;
    const value = qs.parse(text, {
      allowPrototypes: true,
      plainObjects: true,
      allowDots: false,
      depth: limits.depth,
      strictDepth: true,
      arrayLimit: limits.arrayLimit,
      parameterLimit: limits.parameterLimit,
      throwOnLimitExceeded: true,
      charset: "utf-8",
      decoder: standInDecoder,
    });
    // qs already answers null-prototype objects: only a stand-in key needs a copy that puts `__proto__` back.
    return new ParsedBody(FORM_MEDIA, text === "", { ok: true, value: sawProto ? restoreProto(value, limits.depth + 2) : value });
  } catch (error) {
    const issue = { location: "body" as const, name: "", kind: "invalid" as const, message: `form body rejected: ${(error as Error).message}` };
    return new ParsedBody(FORM_MEDIA, text === "", { ok: false, issue });
  }
}

/** Registers `parseStripeForm` for form bodies (after the runtime's parsers, replacing theirs). */
export function registerStripeFormParser(app: FastifyInstance, limits: ResolvedLimits): void {
  app.removeContentTypeParser(FORM_MEDIA);
  app.addContentTypeParser(FORM_MEDIA, { parseAs: "string", bodyLimit: limits.bodyBytes }, (_request, body, done) => {
    done(null, parseStripeForm(String(body), limits));
  });
}
