import type { FastifyReply, FastifyRequest } from "fastify";
import { stripeIds } from "../ids.js";

const ids = new WeakMap<FastifyRequest, string>();

/** onRequest hook: every response carries `Request-Id: req_…`. */
export async function assignRequestId(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const id = stripeIds.request();
  ids.set(request, id);
  reply.header("Request-Id", id);
}

export function requestIdOf(request: FastifyRequest): string {
  return ids.get(request) ?? "";
}
