import type { FastifyReply, FastifyRequest } from "fastify";
import { extractAuth } from "./auth.js";
import { checkResponse, mediaTypeFor } from "./check-response.js";
import { resolveLimits, type ResolvedLimits } from "./parse-input.js";
import { validateRequest } from "./validate-request.js";
import type {
  ApiDefinition,
  ErrorContext,
  HandlerResponse,
  OperationSpec,
  RequestContext,
  RequestIssue,
  RouteDefinition,
  ServerOptions,
} from "./types.js";

interface RouteState<H> {
  api: ApiDefinition;
  op: OperationSpec;
  options: ServerOptions<H>;
  limits: ResolvedLimits;
}

/** The default answer to a bad request when the implementation gives no onRequestError. */
function defaultRequestError(issues: RequestIssue[]): HandlerResponse {
  return { status: 400, body: { issues } };
}

/** One route per operation: parse → auth → validate → handler → (check) → send. */
export function createRoutes<H>(api: ApiDefinition, options: ServerOptions<H>): RouteDefinition[] {
  const limits = resolveLimits(options.limits);
  return api.operations.map((op) => {
    const state: RouteState<H> = { api, op, options, limits };
    return {
      method: op.method,
      url: op.url,
      operationId: op.operationId,
      handle: (request, reply) => handleOperation(state, request, reply),
      reject: async (issues, request, reply) => {
        const auth = extractAuth(request, op, api.securitySchemes);
        const answer = await (options.onRequestError ?? defaultRequestError)(issues, { operationId: op.operationId, auth, request });
        await send(state, answer, request, reply);
      },
    };
  });
}

async function handleOperation<H>(state: RouteState<H>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { api, op, options } = state;
  const auth = extractAuth(request, op, api.securitySchemes);
  const errorContext: ErrorContext = { operationId: op.operationId, auth, request };
  if (options.onAuth) {
    const refused = await options.onAuth(auth, errorContext);
    if (refused) return send(state, refused, request, reply);
  }
  const validated = validateRequest(request, {
    op,
    validators: api.validators[op.operationId],
    limits: state.limits,
    rejectUnknownQuery: options.rejectUnknownQuery ?? false,
  });
  if (!validated.ok) {
    return send(state, await (options.onRequestError ?? defaultRequestError)(validated.issues, errorContext), request, reply);
  }
  const handler = (options.handlers as Record<string, unknown>)[op.handler];
  if (typeof handler !== "function") {
    logLine(options, request, `${op.operationId}: no handler '${op.handler}'`);
    await reply.code(501).type("application/json").send(JSON.stringify({ message: `${op.operationId} is not implemented` }));
    return;
  }
  const ctx: RequestContext = { ...validated.input, auth, operationId: op.operationId, request };
  let result: HandlerResponse;
  try {
    result = (await handler.call(options.handlers, ctx)) as HandlerResponse;
  } catch (error) {
    logLine(options, request, `${op.operationId}: handler failed: ${(error as Error).stack ?? String(error)}`);
    await reply.code(500).type("application/json").send(JSON.stringify({ message: "internal error" }));
    return;
  }
  return send(state, result, request, reply);
}

async function send<H>(state: RouteState<H>, result: HandlerResponse, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { api, op, options } = state;
  if (options.checkResponses) {
    const problem = checkResponse(api, op, result);
    if (problem) {
      logLine(options, request, `response check failed for ${op.operationId} (${op.pointer}): ${problem}`);
      await reply.code(500).type("application/json").send(JSON.stringify({ message: "response check failed", detail: problem }));
      return;
    }
  }
  reply.code(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) reply.header(name, value);
  const mediaType = mediaTypeFor(op, result);
  if (result.body === undefined) {
    await reply.send();
    return;
  }
  if (mediaType) reply.type(mediaType);
  const isJson = mediaType === undefined || /[/+]json$/.test(mediaType);
  await reply.send(isJson ? JSON.stringify(result.body) : (result.body as string | Buffer));
}

function logLine<H>(options: ServerOptions<H>, request: FastifyRequest, line: string): void {
  if (options.log) options.log(line);
  else request.log.error(line);
}
