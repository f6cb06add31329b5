import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HTTPMethods } from "fastify";
import { fastifyUrl } from "../generator/emit/operation-table.js";
import { resolveLimits } from "../runtime/server/parse-input.js";
import { registerParsers } from "../runtime/server/parsers.js";
import { routeErrorHandler } from "../runtime/server/plugin.js";
import { createRoutes } from "../runtime/server/routes.js";
import type { AuthInfo, ErrorContext, HandlerResponse, RequestContext, RequestIssue, RouteDefinition, ServerOptions } from "../runtime/server/types.js";
import { Answers } from "./answers.js";
import { inferCrud } from "./crud.js";
import { describeIssues, errorAnswer } from "./errors.js";
import type { MockSpec } from "./mock-spec.js";
import { parsePrefer } from "./prefer.js";
import { LazyRouter } from "./router.js";
import { answerWithState } from "./state.js";
import { MockStore, type StoreLimits } from "./store.js";

export interface RunningMock {
  url: string;
  app: FastifyInstance;
  spec: MockSpec;
  close(): Promise<void>;
}

export interface MockAppOptions {
  /** keep what POST creates: CRUD inferred from paths and links */
  state?: boolean;
  /** seed for generated data (default 1) */
  seed?: number;
  storeLimits?: StoreLimits;
}

/** Path parameters longer than this are not matched (as Fastify's router is told by the mock). */
const MAX_PARAM_LENGTH = 1000;

/**
 * The mock's Fastify app (not listening) for a loaded document. Every operation has a route in the
 * mock's router (find-my-way, built lazily: see LazyRouter), dispatched from one Fastify route; the
 * runtime's route for an operation (request plan, auth schemes, media) is built by its first request.
 * Registering hundreds of Fastify routes up front cost a big document most of its start.
 */
export function buildMockApp(spec: MockSpec, options: MockAppOptions = {}): FastifyInstance {
  const answers = new Answers(spec, options.seed ?? 1);
  const { definition } = spec;
  const crud = options.state ? inferCrud(spec.model) : new Map();
  const store = new MockStore(options.storeLimits);
  const opOf = (ctx: ErrorContext) => answers.operation(ctx.operationId);
  const serverOptions: Omit<ServerOptions<Record<string, (ctx: RequestContext) => HandlerResponse>>, "handlers"> = {
    onAuth: (auth: AuthInfo | null, ctx: ErrorContext) => {
      if (auth) return undefined;
      const op = opOf(ctx);
      if (op.security.length === 0 || op.security.some((s) => s.schemes.length === 0)) return undefined;
      return errorAnswer({ answers, definition, op }, 401, { message: "No credentials: this operation needs one of its security schemes" });
    },
    onRequestError: (issues: RequestIssue[], ctx: ErrorContext) =>
      errorAnswer({ answers, definition, op: opOf(ctx) }, 400, { message: `Invalid request: ${describeIssues(issues)}`, issues }),
    log: () => {},
  };
  const routes = new Map<string, RouteDefinition>();
  const routeOf = (operationId: string): RouteDefinition => {
    let route = routes.get(operationId);
    if (!route) {
      const op = answers.operation(operationId);
      const opSpec = spec.operationSpec(operationId);
      const role = crud.get(operationId);
      const handler = (ctx: RequestContext): HandlerResponse => {
        const preference = parsePrefer(ctx.request.headers.prefer);
        const problem = answers.preferenceProblem(op, preference);
        if (problem !== undefined) return errorAnswer({ answers, definition, op }, 404, { message: problem });
        if (role && preference.code === undefined) return answerWithState({ spec, answers, definition, store }, { op, crud: role, ctx, preference });
        return answers.respondStateless(op, preference);
      };
      const single = { title: definition.title, version: definition.version, operations: [opSpec], securitySchemes: definition.securitySchemes, validators: definition.validators, defPointers: definition.defPointers };
      route = createRoutes(single, { ...serverOptions, handlers: { [opSpec.handler]: handler } })[0]!;
      routes.set(operationId, route);
    }
    return route;
  };

  const router = new LazyRouter<string>(MAX_PARAM_LENGTH);
  const methods = new Set<string>();
  const declared = new Set(spec.model.operations.map((op) => `${op.method} ${op.path}`));
  for (const op of spec.model.operations) {
    const { url } = fastifyUrl(op.path);
    router.on(op.method.toUpperCase(), url, op.operationId);
    methods.add(op.method.toUpperCase());
    // As Fastify does for its own routes: HEAD answers as GET where the document has no HEAD of its own.
    if (op.method === "get" && !declared.has(`head ${op.path}`)) {
      router.on("HEAD", url, op.operationId);
      methods.add("HEAD");
    }
  }
  const find = (request: FastifyRequest): RouteDefinition | undefined => {
    const found = router.find(request.method, request.url);
    return found ? routeOf(found.value) : undefined;
  };

  const limits = resolveLimits(undefined);
  const app = Fastify({ logger: false, exposeHeadRoutes: false, routerOptions: { maxParamLength: MAX_PARAM_LENGTH } });
  registerParsers(app, limits);
  app.setErrorHandler(routeErrorHandler(find));
  app.route({
    method: [...methods].sort() as HTTPMethods[],
    url: "*",
    bodyLimit: limits.bodyBytes,
    handler: (request: FastifyRequest, reply: FastifyReply) => {
      const found = router.find(request.method, request.url);
      if (!found) {
        reply.callNotFound();
        return;
      }
      (request as { params: unknown }).params = found.params;
      return routeOf(found.value).handle(request, reply);
    },
  });
  return app;
}

/** Listen on 127.0.0.1 with an app built for `spec`. */
export async function listenMock(app: FastifyInstance, spec: MockSpec, port = 0): Promise<RunningMock> {
  await app.listen({ port, host: "127.0.0.1" });
  const address = app.server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, app, spec, close: () => app.close() };
}
