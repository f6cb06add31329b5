import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServerErrorCode } from "../shared/error-codes.js";
import { extractAuthFrom, schemesFor } from "./auth.js";
import { checkResponse } from "./check-response.js";
import { parseFormString, rawQuery, resolveLimits, type ParseOutcome } from "./parse-input.js";
import { planRequest, validateRequest, type RequestPlan, type ValidatedInput } from "./validate-request.js";
import { createRouteMedia, type RouteMedia } from "./route-media.js";
import type {
  ApiDefinition,
  AuthInfo,
  ErrorContext,
  HandlerResponse,
  OperationSpec,
  OperationValidatorSet,
  RequestContext,
  RequestIssue,
  RouteDefinition,
  SecuritySchemeSpec,
  ServerOptions,
} from "./types.js";
import type { ResolvedLimits } from "./parse-input.js";

/** What a route computes once, at start-up, so the request path only reads it. */
interface RouteState<H> {
  api: ApiDefinition;
  op: OperationSpec;
  options: ServerOptions<H>;
  limits: ResolvedLimits;
  /** the operation's security schemes, resolved and deduplicated in the spec's order */
  schemes: readonly SecuritySchemeSpec[];
  plan: RequestPlan;
  media: RouteMedia;
  onRequestError: NonNullable<ServerOptions<H>["onRequestError"]>;
  /** the operation's validators: from `api.validators`, or loaded by `api.loadValidators` on the first request */
  validators: OperationValidatorSet | undefined;
  /** false until they are loaded (only with `api.loadValidators`) */
  loaded: boolean;
  loading?: Promise<void> | undefined;
}

/** The default answer to a bad request when the implementation gives no onRequestError. */
function defaultRequestError(issues: RequestIssue[]): HandlerResponse {
  return { status: 400, body: { code: "SCS001" satisfies ServerErrorCode, issues } };
}

/** An answer the runtime itself makes (no handler, handler crash, response check), with its stable code. */
/** The runtime's own answers, with their code (never awaited: Fastify writes them). */
function sendRuntimeError(reply: FastifyReply, status: number, body: { code: ServerErrorCode; message: string; detail?: string }): void {
  reply.code(status).type("application/json").send(JSON.stringify(body));
}

/** True for a promise or any other thenable: only those are awaited (a plain value is used at once). */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function";
}

/**
 * One route per operation: parse → auth → validate → handler → (check) → send. The path stays
 * synchronous while onAuth, onRequestError and the handler answer plain values; a promise from any
 * of them makes the rest of that request wait for it (and `handle` then returns a promise).
 */
export function createRoutes<H>(api: ApiDefinition, options: ServerOptions<H>): RouteDefinition[] {
  const limits = resolveLimits(options.limits);
  return api.operations.map((op) => {
    const state: RouteState<H> = {
      api,
      op,
      options,
      limits,
      schemes: schemesFor(op, api.securitySchemes),
      plan: planRequest(op, options.rejectUnknownQuery ?? false),
      media: createRouteMedia(op),
      onRequestError: options.onRequestError ?? defaultRequestError,
      validators: api.validators?.[op.operationId],
      loaded: api.validators !== undefined || api.loadValidators === undefined,
    };
    return {
      method: op.method,
      url: op.url,
      operationId: op.operationId,
      handle: (request, reply) => handleOperation(state, request, reply),
      reject: (issues, request, reply) => rejectRequest(state, issues, request, reply),
    };
  });
}

/** Parse the query (once, with the limits) and extract the credentials. */
function readRequest<H>(state: RouteState<H>, request: FastifyRequest): { query: ParseOutcome; errorContext: ErrorContext } {
  const query = parseFormString(rawQuery(request.url), state.limits, "query");
  const auth = extractAuthFrom(request, state.schemes, query.ok ? (query.value as Record<string, unknown>) : {});
  return { query, errorContext: { operationId: state.op.operationId, auth, request } };
}

/**
 * Run onAuth; a refusal is sent, otherwise `next` runs. Synchronous unless onAuth answers a promise.
 */
function authenticate<H>(state: RouteState<H>, errorContext: ErrorContext, reply: FastifyReply, next: () => void | Promise<void>): void | Promise<void> {
  const onAuth = state.options.onAuth;
  if (!onAuth) return next();
  const refused = onAuth(errorContext.auth, errorContext);
  if (isThenable(refused)) return Promise.resolve(refused).then((answer) => (answer ? send(state, answer, errorContext.request, reply) : next()));
  return refused ? send(state, refused, errorContext.request, reply) : next();
}

/** Answer `issues` through onRequestError (waiting only when it answers a promise). */
function answerIssues<H>(state: RouteState<H>, issues: RequestIssue[], errorContext: ErrorContext, reply: FastifyReply): void | Promise<void> {
  const answer = state.onRequestError(issues, errorContext);
  if (isThenable(answer)) return Promise.resolve(answer).then((result) => send(state, result, errorContext.request, reply));
  return send(state, answer, errorContext.request, reply);
}

/** Errors Fastify raised before the route (body too large…): onAuth first, as for any request, then onRequestError. */
function rejectRequest<H>(state: RouteState<H>, issues: RequestIssue[], request: FastifyRequest, reply: FastifyReply): void | Promise<void> {
  const { errorContext } = readRequest(state, request);
  return authenticate(state, errorContext, reply, () => answerIssues(state, issues, errorContext, reply));
}

function handleOperation<H>(state: RouteState<H>, request: FastifyRequest, reply: FastifyReply): void | Promise<void> {
  const { query, errorContext } = readRequest(state, request);
  return authenticate(state, errorContext, reply, () => validateAndRun(state, query, errorContext, reply));
}

function validateAndRun<H>(state: RouteState<H>, query: ParseOutcome, errorContext: ErrorContext, reply: FastifyReply): void | Promise<void> {
  if (!state.loaded) {
    return loadValidators(state).then(
      () => validateAndRun(state, query, errorContext, reply),
      (error: unknown) => {
        logLine(state.options, errorContext.request, `SCS005 ${state.op.operationId}: its validators could not be loaded: ${String(error)}`);
        sendRuntimeError(reply, 500, { code: "SCS005", message: `the validators of ${state.op.operationId} could not be loaded` });
      },
    );
  }
  const { op, options } = state;
  const request = errorContext.request;
  const validated = validateRequest(request, { op, validators: state.validators, query, plan: state.plan });
  if (!validated.ok) return answerIssues(state, validated.issues, errorContext, reply);
  const handler = (options.handlers as Record<string, unknown>)[op.handler];
  if (typeof handler !== "function") {
    logLine(options, request, `SCS002 ${op.operationId}: no handler '${op.handler}'`);
    sendRuntimeError(reply, 501, { code: "SCS002", message: `${op.operationId} is not implemented` });
    return;
  }
  const ctx = contextOf(validated.input, errorContext.auth, op.operationId, request);
  let result: unknown;
  try {
    result = handler.call(options.handlers, ctx);
  } catch (error) {
    return handlerFailed(state, request, reply, error);
  }
  if (!isThenable(result)) return send(state, result as HandlerResponse, request, reply);
  return Promise.resolve(result).then(
    (answer) => send(state, answer as HandlerResponse, request, reply),
    (error: unknown) => handlerFailed(state, request, reply, error),
  );
}

/**
 * The operation's request validators (and its response validators with checkResponses), imported on its
 * first request: one import for concurrent first requests, again after a failure.
 */
function loadValidators<H>(state: RouteState<H>): Promise<void> {
  if (state.loading) return state.loading;
  const { api, op, options } = state;
  const parts = [api.loadValidators!(op.operationId, "request"), options.checkResponses ? api.loadValidators!(op.operationId, "responses") : undefined];
  state.loading = Promise.all(parts).then(
    ([request, responses]) => {
      state.validators = { parameters: request?.parameters ?? {}, body: request?.body ?? {}, responses: responses?.responses ?? {} };
      state.loaded = true;
    },
    (error: unknown) => {
      state.loading = undefined;
      throw error;
    },
  );
  return state.loading;
}

/**
 * The handler's context: the validated input, then auth, operationId and request, as one object
 * literal (in Node 20 a spread of the input followed by more properties costs several µs per request).
 */
function contextOf(input: ValidatedInput, auth: AuthInfo | null, operationId: string, request: FastifyRequest): RequestContext {
  const { params, query, headers, cookies, body, mediaType } = input;
  if (mediaType === undefined) return { params, query, headers, cookies, body, auth, operationId, request };
  const withMedia: RequestContext & { mediaType: string } = { params, query, headers, cookies, body, mediaType, auth, operationId, request };
  return withMedia;
}

function handlerFailed<H>(state: RouteState<H>, request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  logLine(state.options, request, `SCS003 ${state.op.operationId}: handler failed: ${(error as Error)?.stack ?? String(error)}`);
  sendRuntimeError(reply, 500, { code: "SCS003", message: "internal error" });
}

/** Send a result (never waits: Fastify writes it; awaiting `reply` would wait for the socket to finish). */
function send<H>(state: RouteState<H>, result: HandlerResponse, request: FastifyRequest, reply: FastifyReply): void {
  const { api, op, options } = state;
  if (options.checkResponses) {
    const problem = checkResponse(api, op, result, state.validators);
    if (problem) {
      logLine(options, request, `SCS004 response check failed for ${op.operationId} (${op.pointer}): ${problem}`);
      sendRuntimeError(reply, 500, { code: "SCS004", message: "response check failed", detail: problem });
      return;
    }
  }
  reply.code(result.status);
  if (result.headers !== undefined) {
    for (const name of Object.keys(result.headers)) reply.header(name, result.headers[name]);
  }
  if (result.body === undefined) {
    reply.send();
    return;
  }
  const media = state.media.of(result);
  if (media.type !== undefined) reply.type(media.type);
  reply.send(media.json ? JSON.stringify(result.body) : (result.body as string | Uint8Array));
}

function logLine<H>(options: ServerOptions<H>, request: FastifyRequest, line: string): void {
  if (options.log) options.log(line);
  else request.log.error(line);
}
