import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createRoutes as legacyRoutes } from "../../generated/stripe-2024-06-20/server.js";
import { createRoutes as cloverRoutes } from "../../generated/stripe-2025-09-30.clover/server.js";
import {
  operationIdOf,
  registerParsers,
  resolveLimits,
  routeErrorHandler,
  type AuthInfo,
  type ErrorContext,
  type HandlerResponse,
  type RequestIssue,
  type RouteDefinition,
} from "../../runtime/server/index.js";
import { MemoryIdempotencyStore, type IdempotencyStore } from "../idempotency.js";
import { VALID_TEST_KEY, apiKeyOf } from "../keys.js";
import { MISSING_KEY_MESSAGE, errorFromIssues, redactKey, stripeError, type StripeErrorResult } from "./errors.js";
import { stripeHandlers, type StripeState } from "./handlers.js";
import { registerStripeFormParser } from "./form-parser.js";
import { assignRequestId, withRequestLogUrl } from "./request-id.js";
import { checkStripeInput } from "./strict-input.js";
import type { StripeVersion } from "./serialize.js";
import { MemoryStripeStore, type StripeStore } from "./store.js";

export interface StripeAppOptions {
  store?: StripeStore;
  /** stored Idempotency-Key responses (default: in memory, kept 24 hours, 10,000 per key at most) */
  idempotency?: IdempotencyStore;
  /** check every response against the spec (on in tests) */
  checkResponses?: boolean;
  log?: (line: string) => void;
}

export const DEFAULT_VERSION: StripeVersion = "2024-06-20";
const CLOVER_DATE = "2025-09-30";

/** A real calendar date, `YYYY-MM-DD`. */
function isDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/**
 * `Stripe-Version` → the shapes to serve. None → 2024-06-20 (the account default). The two versions
 * this spec set describes are served as they are. A later *named* version (`YYYY-MM-DD.name`, after
 * 2025-09-30 and not in the future) gets the newest shapes, clover's. Anything else is refused as
 * Stripe refuses an unknown version: other dates (older versions have shapes we do not know, and
 * since 2024-09-30 Stripe names every version), future dates, malformed text.
 */
export function versionOf(header: string | string[] | undefined, today?: string): StripeVersion | { invalid: string } {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === "") return DEFAULT_VERSION;
  if (value === "2024-06-20" || value === "2025-09-30.clover") return value;
  const match = /^(\d{4}-\d{2}-\d{2})\.[a-z]+$/.exec(value);
  if (match && isDate(match[1]!) && match[1]! > CLOVER_DATE && match[1]! <= (today ?? new Date().toISOString().slice(0, 10))) return "2025-09-30.clover";
  return { invalid: value };
}

const VERSION = Symbol("stripe version");

type WithVersion = FastifyRequest & { [VERSION]?: StripeVersion | { invalid: string } };

/** The request's version (`versionOf` its `Stripe-Version`), worked out once per request and kept on it. */
function requestVersion(request: FastifyRequest): StripeVersion | { invalid: string } {
  let version = (request as WithVersion)[VERSION];
  if (version === undefined) {
    version = versionOf(request.headers["stripe-version"]);
    (request as WithVersion)[VERSION] = version;
  }
  return version;
}

/** Stripe's answer to a version it does not know (https://github.com/stripe/stripe-node/issues/2387). */
function invalidVersion(request: FastifyRequest, reply: FastifyReply, value: string): void {
  sendError(request, reply, stripeError(400, { message: `Invalid Stripe API version: ${value}` }));
}

/** A Stripe error the app answers itself (no route, or before one), with its request's log URL. */
function sendError(request: FastifyRequest, reply: FastifyReply, answer: StripeErrorResult): void {
  const { status, body } = withRequestLogUrl(request, answer);
  void reply.code(status).type("application/json").send(JSON.stringify(body));
}

/** 401s exactly as Stripe words them; the key is redacted. */
export function stripeAuth(auth: AuthInfo | null): HandlerResponse | undefined {
  const key = apiKeyOf(auth);
  if (key === "") return stripeError(401, { message: MISSING_KEY_MESSAGE });
  if (!VALID_TEST_KEY.test(key)) return stripeError(401, { message: `Invalid API Key provided: ${redactKey(key)}` });
  return undefined;
}

function notFound(request: FastifyRequest, reply: FastifyReply): void {
  stamp(request, reply);
  const path = request.url.split("?")[0];
  sendError(request, reply, stripeError(404, {
    message: `Unrecognized request URL (${request.method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  }));
}

/** The URL's path ends with `/` (before any query). */
function trailingSlash(url: string): boolean {
  const end = url.indexOf("?");
  return url.charCodeAt((end === -1 ? url.length : end) - 1) === 47; // "/"
}

/**
 * Every answer carries a `Request-Id` and the `Stripe-Version` it was served with. Called first by
 * each path that can answer (route, not-found and error handlers, frameworkErrors) rather than from an
 * onRequest hook, which would cost every request a turn of Fastify's hook runner.
 */
function stamp(request: FastifyRequest, reply: FastifyReply): void {
  assignRequestId(request, reply);
  const version = requestVersion(request);
  if (typeof version === "string") reply.header("Stripe-Version", version);
}

/** Both Stripe versions on one Fastify instance: each (method, url) once, dispatched by `Stripe-Version`. */
export function buildStripeApp(options: StripeAppOptions = {}): FastifyInstance {
  const state: StripeState = { store: options.store ?? new MemoryStripeStore(), idempotency: options.idempotency ?? new MemoryIdempotencyStore() };
  const limits = resolveLimits(undefined);
  const common = {
    // auth first, as Stripe does; then Stripe's own rules on the raw parameters
    onAuth: (auth: AuthInfo | null, ctx: ErrorContext) => withRequestLogUrl(ctx.request, stripeAuth(auth) ?? checkStripeInput(ctx.request)),
    onRequestError: (issues: RequestIssue[], ctx: ErrorContext) => withRequestLogUrl(ctx.request, errorFromIssues(issues)),
    checkResponses: options.checkResponses ?? false,
    rejectUnknownQuery: true,
    ...(options.log ? { log: options.log } : {}),
  };
  const byVersion: Record<StripeVersion, RouteDefinition[]> = {
    "2024-06-20": legacyRoutes({ ...common, handlers: stripeHandlers(state, "2024-06-20") }),
    "2025-09-30.clover": cloverRoutes({ ...common, handlers: stripeHandlers(state, "2025-09-30.clover") }),
  };
  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyBytes,
    frameworkErrors: (error, rawRequest, rawReply) => {
      // Raised before routing (a malformed URL): nothing has stamped the request yet.
      const reply = rawReply as unknown as FastifyReply;
      const request = rawRequest as unknown as FastifyRequest;
      stamp(request, reply);
      sendError(request, reply, stripeError(400, { message: `Invalid request: ${error.message}` }));
    },
  });
  registerParsers(app, limits);
  registerStripeFormParser(app, limits);
  app.setNotFoundHandler(notFound);
  // Each operation once per version, by operationId: a request picks its version's route without a search.
  const byId: Record<StripeVersion, Map<string, RouteDefinition>> = {
    "2024-06-20": new Map(byVersion["2024-06-20"].map((r) => [r.operationId, r])),
    "2025-09-30.clover": new Map(byVersion["2025-09-30.clover"].map((r) => [r.operationId, r])),
  };
  const routeFor = (request: FastifyRequest): RouteDefinition | undefined => {
    const version = requestVersion(request);
    return byId[typeof version === "string" ? version : DEFAULT_VERSION].get(operationIdOf(request));
  };
  const onError = routeErrorHandler(routeFor);
  // Errors Fastify raised before the route ran (a body it could not parse, too large…).
  app.setErrorHandler((error: FastifyError, request, reply) => {
    stamp(request, reply);
    if (trailingSlash(request.url)) return notFound(request, reply);
    return onError(error, request, reply);
  });
  for (const legacy of byVersion[DEFAULT_VERSION]) {
    const clover = byId["2025-09-30.clover"].get(legacy.operationId);
    if (!clover) throw new Error(`the 2025-09-30.clover server has no operation ${legacy.operationId}`);
    app.route({
      method: legacy.method,
      url: legacy.url,
      config: { operationId: legacy.operationId },
      // Synchronous: the route answers at once unless a handler returns a promise (then Fastify waits for it).
      handler: (request: FastifyRequest, reply: FastifyReply) => {
        stamp(request, reply);
        // `/v1/coupons/` would reach the `{coupon}` route with an empty id: Stripe knows no such URL
        if (trailingSlash(request.url)) return notFound(request, reply);
        const version = requestVersion(request);
        if (typeof version !== "string") return invalidVersion(request, reply, version.invalid);
        return (version === DEFAULT_VERSION ? legacy : clover).handle(request, reply);
      },
    });
  }
  return app;
}
