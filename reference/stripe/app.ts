import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
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
  type RouteDefinition,
} from "../../runtime/server/index.js";
import { MemoryIdempotencyStore, type IdempotencyStore } from "../idempotency.js";
import { VALID_TEST_KEY, apiKeyOf } from "../keys.js";
import { MISSING_KEY_MESSAGE, errorFromIssues, redactKey, stripeError } from "./errors.js";
import { stripeHandlers, type StripeState } from "./handlers.js";
import { registerStripeFormParser } from "./form-parser.js";
import { addRequestLogUrl, assignRequestId } from "./request-id.js";
import { checkStripeInput } from "./strict-input.js";
import { stripeIds } from "../ids.js";
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
export function versionOf(header: string | string[] | undefined, today: string = new Date().toISOString().slice(0, 10)): StripeVersion | { invalid: string } {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === "") return DEFAULT_VERSION;
  if (value === "2024-06-20" || value === "2025-09-30.clover") return value;
  const match = /^(\d{4}-\d{2}-\d{2})\.[a-z]+$/.exec(value);
  if (match && isDate(match[1]!) && match[1]! > CLOVER_DATE && match[1]! <= today) return "2025-09-30.clover";
  return { invalid: value };
}

/** Stripe's answer to a version it does not know (https://github.com/stripe/stripe-node/issues/2387). */
function invalidVersion(value: string): string {
  return JSON.stringify(stripeError(400, { message: `Invalid Stripe API version: ${value}` }).body);
}

/** 401s exactly as Stripe words them; the key is redacted. */
export function stripeAuth(auth: AuthInfo | null): HandlerResponse | undefined {
  const key = apiKeyOf(auth);
  if (key === "") return stripeError(401, { message: MISSING_KEY_MESSAGE });
  if (!VALID_TEST_KEY.test(key)) return stripeError(401, { message: `Invalid API Key provided: ${redactKey(key)}` });
  return undefined;
}

function notFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split("?")[0];
  const { body } = stripeError(404, {
    message: `Unrecognized request URL (${request.method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
  void reply.code(404).type("application/json").send(JSON.stringify(body));
}

/**
 * onRequest: every answer carries the `Stripe-Version` it was served with. A path with a trailing
 * slash (`/v1/coupons/` would reach the `{coupon}` route with an empty id) is an unknown URL.
 */
async function echoVersion(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const version = versionOf(request.headers["stripe-version"]);
  if (typeof version === "string") reply.header("Stripe-Version", version);
  if (!request.url.split("?")[0]!.endsWith("/")) return undefined;
  notFound(request, reply);
  return reply;
}

/** Both Stripe versions on one Fastify instance: each (method, url) once, dispatched by `Stripe-Version`. */
export function buildStripeApp(options: StripeAppOptions = {}): FastifyInstance {
  const state: StripeState = { store: options.store ?? new MemoryStripeStore(), idempotency: options.idempotency ?? new MemoryIdempotencyStore() };
  const limits = resolveLimits(undefined);
  const common = {
    // auth first, as Stripe does; then Stripe's own rules on the raw parameters
    onAuth: (auth: AuthInfo | null, ctx: ErrorContext) => stripeAuth(auth) ?? checkStripeInput(ctx.request),
    onRequestError: errorFromIssues,
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
    frameworkErrors: (error, _request, rawReply) => {
      // Raised before routing (a malformed URL): no hooks have run yet.
      const { body } = stripeError(400, { message: `Invalid request: ${error.message}` });
      const reply = rawReply as unknown as FastifyReply;
      void reply.code(400).header("Request-Id", stripeIds.request()).type("application/json").send(JSON.stringify(body));
    },
  });
  app.addHook("onRequest", assignRequestId);
  app.addHook("onRequest", echoVersion);
  app.addHook("onSend", addRequestLogUrl);
  registerParsers(app, limits);
  registerStripeFormParser(app, limits);
  app.setNotFoundHandler(notFound);
  const routeFor = (request: FastifyRequest): RouteDefinition | undefined => {
    const version = versionOf(request.headers["stripe-version"]);
    const routes = byVersion[typeof version === "string" ? version : DEFAULT_VERSION];
    return routes.find((r) => r.operationId === operationIdOf(request));
  };
  app.setErrorHandler(routeErrorHandler(routeFor));
  for (const route of byVersion[DEFAULT_VERSION]) {
    app.route({
      method: route.method,
      url: route.url,
      config: { operationId: route.operationId },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const version = versionOf(request.headers["stripe-version"]);
        if (typeof version !== "string") {
          await reply.code(400).type("application/json").send(invalidVersion(version.invalid));
          return;
        }
        return routeFor(request)!.handle(request, reply);
      },
    });
  }
  return app;
}
