import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServerErrorCode } from "../shared/error-codes.js";
import { extractAuth } from "./auth.js";
import { checkResponse, mediaTypeFor } from "./check-response.js";
import { parseFormString, rawQuery, resolveLimits, type ParseOutcome, type ResolvedLimits } from "./parse-input.js";
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
  return { status: 400, body: { code: "SCS001" satisfies ServerErrorCode, issues } };
}

/** An answer the runtime itself makes (no handler, handler crash, response check), with its stable code. */
async function sendRuntimeError(reply: FastifyReply, status: number, body: { code: ServerErrorCode; message: string; detail?: string }): Promise<void> {
  await reply.code(status).type("application/json").send(JSON.stringify(body));
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
      reject: (issues, request, reply) => rejectRequest(state, issues, request, reply),
    };
  });
}

interface Authenticated {
  query: ParseOutcome;
  errorContext: ErrorContext;
  /** onAuth's answer, when it refused the request */
  refused?: HandlerResponse;
}

/** Parse the query (once, with the limits), extract the credentials and run onAuth. */
async function authenticate<H>(state: RouteState<H>, request: FastifyRequest): Promise<Authenticated> {
  const { api, op, options } = state;
  const query = parseFormString(rawQuery(request.url), state.limits, "query");
  const auth = extractAuth(request, op, api.securitySchemes, query.ok ? (query.value as Record<string, unknown>) : {});
  const errorContext: ErrorContext = { operationId: op.operationId, auth, request };
  const refused = options.onAuth ? await options.onAuth(auth, errorContext) : undefined;
  return refused ? { query, errorContext, refused } : { query, errorContext };
}

/** Errors Fastify raised before the route (body too large…): onAuth first, as for any request, then onRequestError. */
async function rejectRequest<H>(state: RouteState<H>, issues: RequestIssue[], request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { errorContext, refused } = await authenticate(state, request);
  if (refused) return send(state, refused, request, reply);
  const answer = await (state.options.onRequestError ?? defaultRequestError)(issues, errorContext);
  await send(state, answer, request, reply);
}

async function handleOperation<H>(state: RouteState<H>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { api, op, options } = state;
  const { query, errorContext, refused } = await authenticate(state, request);
  if (refused) return send(state, refused, request, reply);
  const auth = errorContext.auth;
  const validated = validateRequest(request, {
    op,
    validators: api.validators[op.operationId],
    query,
    rejectUnknownQuery: options.rejectUnknownQuery ?? false,
  });
  if (!validated.ok) {
    return send(state, await (options.onRequestError ?? defaultRequestError)(validated.issues, errorContext), request, reply);
  }
  const handler = (options.handlers as Record<string, unknown>)[op.handler];
  if (typeof handler !== "function") {
    logLine(options, request, `SCS002 ${op.operationId}: no handler '${op.handler}'`);
    await sendRuntimeError(reply, 501, { code: "SCS002", message: `${op.operationId} is not implemented` });
    return;
  }
  const ctx: RequestContext = { ...validated.input, auth, operationId: op.operationId, request };
  let result: HandlerResponse;
  try {
    result = (await handler.call(options.handlers, ctx)) as HandlerResponse;
  } catch (error) {
    logLine(options, request, `SCS003 ${op.operationId}: handler failed: ${(error as Error).stack ?? String(error)}`);
    await sendRuntimeError(reply, 500, { code: "SCS003", message: "internal error" });
    return;
  }
  return send(state, result, request, reply);
}

async function send<H>(state: RouteState<H>, result: HandlerResponse, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { api, op, options } = state;
  if (options.checkResponses) {
    const problem = checkResponse(api, op, result);
    if (problem) {
      logLine(options, request, `SCS004 response check failed for ${op.operationId} (${op.pointer}): ${problem}`);
      await sendRuntimeError(reply, 500, { code: "SCS004", message: "response check failed", detail: problem });
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
  await reply.send(isJson ? JSON.stringify(result.body) : (result.body as string | Uint8Array));
}

function logLine<H>(options: ServerOptions<H>, request: FastifyRequest, line: string): void {
  if (options.log) options.log(line);
  else request.log.error(line);
}
