import type { FastifyReply, FastifyRequest } from "fastify";
import { stripeIds } from "../ids.js";

const REQUEST_ID = Symbol("stripe request id");

type WithRequestId = FastifyRequest & { [REQUEST_ID]?: string };

/** Every response carries `Request-Id: req_…`: given once per request, by whichever path answers it first. */
export function assignRequestId(request: FastifyRequest, reply: FastifyReply): void {
  if ((request as WithRequestId)[REQUEST_ID] !== undefined) return;
  const id = stripeIds.request();
  (request as WithRequestId)[REQUEST_ID] = id;
  reply.header("Request-Id", id);
}

export function requestIdOf(request: FastifyRequest): string {
  return (request as WithRequestId)[REQUEST_ID] ?? "";
}

interface ErrorAnswer {
  status: number;
  body?: unknown;
}

/**
 * Every Stripe error object names its request's log page, `request_log_url`
 * (`https://dashboard.stripe.com/test/logs/req_…?t=…`, as in Stripe's error responses). A 401 has
 * none: without a valid key there is no account whose logs could hold it. Added where an answer is
 * made (not in an onSend hook, which costs every response, successes included, a turn of Fastify's
 * hook runner); a stored answer (an idempotent replay) is copied, never changed.
 */
export function withRequestLogUrl<A extends ErrorAnswer>(request: FastifyRequest, answer: A): A;
export function withRequestLogUrl<A extends ErrorAnswer>(request: FastifyRequest, answer: A | undefined): A | undefined;
export function withRequestLogUrl<A extends ErrorAnswer>(request: FastifyRequest, answer: A | undefined): A | undefined {
  if (answer === undefined || answer.status < 400 || answer.status === 401) return answer;
  const error = (answer.body as { error?: unknown } | undefined)?.error;
  if (error === null || typeof error !== "object" || (error as { request_log_url?: unknown }).request_log_url !== undefined) return answer;
  const request_log_url = `https://dashboard.stripe.com/test/logs/${requestIdOf(request)}?t=${Math.floor(Date.now() / 1000)}`;
  return { ...answer, body: { ...(answer.body as object), error: { ...error, request_log_url } } };
}
