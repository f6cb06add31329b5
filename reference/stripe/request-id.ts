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
