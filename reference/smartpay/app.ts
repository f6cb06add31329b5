import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { plugin } from "../../generated/smartpay-v1/server.js";
import type { AuthInfo, HandlerResponse } from "../../runtime/server/index.js";
import { requestInvalid, smartpayError, unauthorized } from "./errors.js";
import { MemoryIdempotencyStore, type IdempotencyStore } from "../idempotency.js";
import { VALID_TEST_KEY, apiKeyOf } from "../keys.js";
import { smartpayHandlers } from "./handlers.js";
import { MemorySmartpayStore, type SmartpayStore } from "./store.js";

export interface SmartpayAppOptions {
  store?: SmartpayStore;
  /** stored Idempotency-Key responses (default: in memory, kept 24 hours, 10,000 per key at most) */
  idempotency?: IdempotencyStore;
  checkResponses?: boolean;
  log?: (line: string) => void;
}

/** Smartpay secret keys (`sk_test_…`) come as the Basic user name. */
export function smartpayAuth(auth: AuthInfo | null): HandlerResponse | undefined {
  return VALID_TEST_KEY.test(apiKeyOf(auth)) ? undefined : unauthorized();
}

function send(reply: FastifyReply, answer: { status: number; body: unknown }): void {
  void reply.code(answer.status).type("application/json").send(JSON.stringify(answer.body));
}

export function buildSmartpayApp(options: SmartpayAppOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: false,
    frameworkErrors: (_error, _request, reply) => send(reply as unknown as FastifyReply, requestInvalid([])),
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, smartpayError(404, "route.not-found", `Route ${request.method} ${request.url.split("?")[0]} not found`)),
  );
  void app.register(plugin, {
    handlers: smartpayHandlers({
      store: options.store ?? new MemorySmartpayStore(),
      idempotency: options.idempotency ?? new MemoryIdempotencyStore(),
    }),
    onAuth: smartpayAuth,
    onRequestError: requestInvalid,
    checkResponses: options.checkResponses ?? false,
    rejectUnknownQuery: true,
    ...(options.log ? { log: options.log } : {}),
  });
  return app;
}
