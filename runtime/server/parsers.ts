import type { FastifyInstance } from "fastify";
import { essence, parseFormString, parseJsonString, type ParseOutcome, type ResolvedLimits } from "./parse-input.js";

export const FORM_MEDIA = "application/x-www-form-urlencoded";
export const JSON_MEDIA = "application/json";

const PARSED_BODY = Symbol.for("spec-contract.parsed-body");

/**
 * What our content-type parsers leave in `request.body`. Parsers never throw: a body that cannot be
 * parsed is reported as a request issue by the route, through the implementation's onRequestError.
 */
export class ParsedBody {
  /**
   * Every API's output folder has its own copy of this runtime, and one Fastify app may serve several
   * APIs: a registry-wide symbol, not `instanceof`, recognises a body any copy's parser made.
   */
  static is(value: unknown): value is ParsedBody {
    return typeof value === "object" && value !== null && (value as { [PARSED_BODY]?: unknown })[PARSED_BODY] === true;
  }

  constructor(
    readonly mediaType: string,
    readonly empty: boolean,
    readonly outcome: ParseOutcome,
  ) {
    // set here rather than declared as a computed member, so that declarations need no type checker (--lang js)
    (this as unknown as Record<symbol, boolean>)[PARSED_BODY] = true;
  }
}

/**
 * Replace Fastify's parsers: qs for forms (bracket notation, limits, no pollution keys), JSON with
 * pollution keys dropped, and a catch-all that keeps any other media type for the route to refuse.
 */
export function registerParsers(instance: FastifyInstance, limits: ResolvedLimits): void {
  instance.removeAllContentTypeParsers();
  const bodyLimit = limits.bodyBytes;
  instance.addContentTypeParser(FORM_MEDIA, { parseAs: "string", bodyLimit }, (_request, body, done) => {
    const text = String(body);
    done(null, new ParsedBody(FORM_MEDIA, text === "", parseFormString(text, limits, "body")));
  });
  instance.addContentTypeParser(JSON_MEDIA, { parseAs: "string", bodyLimit }, (_request, body, done) => {
    const text = String(body);
    done(null, new ParsedBody(JSON_MEDIA, text.trim() === "", parseJsonString(text, limits)));
  });
  instance.addContentTypeParser("*", { parseAs: "string", bodyLimit }, (request, body, done) => {
    const text = String(body);
    const mediaType = essence(request.headers["content-type"]);
    const outcome: ParseOutcome = mediaType.endsWith("+json") ? parseJsonString(text, limits) : { ok: true, value: text };
    done(null, new ParsedBody(mediaType, text === "", outcome));
  });
}
