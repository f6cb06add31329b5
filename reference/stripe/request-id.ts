import type { FastifyReply, FastifyRequest } from "fastify";
import { stripeIds } from "../ids.js";

const REQUEST_ID = Symbol("stripe request id");

type WithRequestId = FastifyRequest & { [REQUEST_ID]?: string };

/** Every response carries `Request-Id: req_…` (set by the app's onRequest hook). */
export function assignRequestId(request: FastifyRequest, reply: FastifyReply): void {
  const id = stripeIds.request();
  (request as WithRequestId)[REQUEST_ID] = id;
  reply.header("Request-Id", id);
}

export function requestIdOf(request: FastifyRequest): string {
  return (request as WithRequestId)[REQUEST_ID] ?? "";
}

/**
 * onSend hook: every Stripe error object names its request's log page, `request_log_url`
 * (`https://dashboard.stripe.com/test/logs/req_…?t=…`, as in Stripe's error responses). A 401 has
 * none: without a valid key there is no account whose logs could hold it. Synchronous (done-callback
 * style): no promise per response.
 */
export function addRequestLogUrl(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void): void {
  let out: unknown;
  try {
    out = withRequestLogUrl(request, reply.statusCode, payload);
  } catch (error) {
    done(error as Error);
    return;
  }
  done(null, out);
}

function withRequestLogUrl(request: FastifyRequest, status: number, payload: unknown): unknown {
  if (status < 400 || status === 401 || typeof payload !== "string" || !payload.startsWith('{"error":{')) return payload;
  const parsed = JSON.parse(payload) as { error: Record<string, unknown> };
  if (parsed.error.request_log_url !== undefined) return payload;
  parsed.error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestIdOf(request)}?t=${Math.floor(Date.now() / 1000)}`;
  return JSON.stringify(parsed);
}
