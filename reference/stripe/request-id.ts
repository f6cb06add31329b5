import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import { stripeIds } from "../ids.js";

const REQUEST_ID = Symbol("stripe request id");

type WithRequestId = FastifyRequest & { [REQUEST_ID]?: string };

/**
 * onRequest hook: every response carries `Request-Id: req_…`. Synchronous (done-callback style), so
 * Fastify runs it without a promise or a microtask hop.
 */
export function assignRequestId(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const id = stripeIds.request();
  (request as WithRequestId)[REQUEST_ID] = id;
  reply.header("Request-Id", id);
  done();
}

export function requestIdOf(request: FastifyRequest): string {
  return (request as WithRequestId)[REQUEST_ID] ?? "";
}

/**
 * onSend hook: every Stripe error object names its request's log page, `request_log_url`
 * (`https://dashboard.stripe.com/test/logs/req_…?t=…`, as in Stripe's error responses). A 401 has
 * none: without a valid key there is no account whose logs could hold it.
 */
export async function addRequestLogUrl(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode < 400 || reply.statusCode === 401 || typeof payload !== "string" || !payload.startsWith('{"error":{')) return payload;
  const parsed = JSON.parse(payload) as { error: Record<string, unknown> };
  if (parsed.error.request_log_url !== undefined) return payload;
  parsed.error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestIdOf(request)}?t=${Math.floor(Date.now() / 1000)}`;
  return JSON.stringify(parsed);
}
