import Fastify, { type FastifyInstance } from "fastify";
import type { ApiModel } from "../generator/model/types.js";
import { registerApi } from "../runtime/server/plugin.js";
import type { AuthInfo, ErrorContext, HandlerResponse, RequestContext, RequestIssue } from "../runtime/server/types.js";
import { Answers } from "./answers.js";
import { inferCrud } from "./crud.js";
import { describeIssues, errorAnswer } from "./errors.js";
import { loadMockSpec, type MockSpec } from "./load-spec.js";
import { parsePrefer } from "./prefer.js";
import { answerWithState } from "./state.js";
import { MockStore, type StoreLimits } from "./store.js";

export interface MockOptions {
  /** path to an OpenAPI document (relative to cwd) */
  spec: string;
  cwd?: string;
  /** keep what POST creates: CRUD inferred from paths and links */
  state?: boolean;
  /** seed for generated data (default 1) */
  seed?: number;
  /** default 0: a free port */
  port?: number;
  storeLimits?: StoreLimits;
  /** the model generate wrote beforehand (model.json), to skip building it */
  model?: ApiModel;
}

export interface RunningMock {
  url: string;
  app: FastifyInstance;
  spec: MockSpec;
  close(): Promise<void>;
}

/** Build the mock's Fastify app (not listening): a route per operation on the runtime's skeleton. */
export function buildMock(options: MockOptions): { app: FastifyInstance; spec: MockSpec } {
  const spec = loadMockSpec(options.spec, { cwd: options.cwd ?? process.cwd(), ...(options.model ? { model: options.model } : {}) });
  const answers = new Answers(spec, options.seed ?? 1);
  const { definition } = spec;
  const crud = options.state ? inferCrud(spec.model) : new Map();
  const store = new MockStore(options.storeLimits);
  const handlers: Record<string, (ctx: RequestContext) => HandlerResponse> = Object.create(null);
  for (const op of spec.model.operations) {
    const handler = definition.operations.find((o) => o.operationId === op.operationId)!.handler;
    handlers[handler] = (ctx) => {
      const preference = parsePrefer(ctx.request.headers.prefer);
      const role = crud.get(op.operationId);
      if (role && preference.code === undefined) {
        return answerWithState({ spec, answers, definition, store }, { op, crud: role, ctx, preference });
      }
      return answers.respond(op, preference);
    };
  }
  const opOf = (ctx: ErrorContext) => answers.operation(ctx.operationId);
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 1000 } });
  registerApi(app, definition, {
    handlers,
    onAuth: (auth: AuthInfo | null, ctx: ErrorContext) => {
      const op = opOf(ctx);
      const open = op.security.length === 0 || op.security.some((s) => s.schemes.length === 0);
      if (open || auth) return undefined;
      return errorAnswer({ answers, definition, op }, 401, { message: "No credentials: this operation needs one of its security schemes" });
    },
    onRequestError: (issues: RequestIssue[], ctx: ErrorContext) =>
      errorAnswer({ answers, definition, op: opOf(ctx) }, 400, { message: `Invalid request: ${describeIssues(issues)}`, issues }),
    log: () => {},
  });
  return { app, spec };
}

/** Start the mock on 127.0.0.1 (a free port unless told); `close` stops it. */
export async function startMock(options: MockOptions): Promise<RunningMock> {
  const { app, spec } = buildMock(options);
  await app.listen({ port: options.port ?? 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, app, spec, close: () => app.close() };
}
