import type { FastifyInstance } from "fastify";
import type { ApiModel } from "../generator/model/types.js";
import { buildMockApp, listenMock, type MockAppOptions, type RunningMock } from "./app.js";

export type { RunningMock } from "./app.js";
import { loadMockSpec, type MockSpec } from "./load-spec.js";

export interface MockOptions extends MockAppOptions {
  /** path to an OpenAPI document (relative to cwd) */
  spec: string;
  cwd?: string;
  /** default 0: a free port */
  port?: number;
  /** the model generate wrote beforehand (model.json), to skip building it */
  model?: ApiModel;
}

/** Build the mock's Fastify app (not listening) for a document: a route per operation on the runtime's skeleton. */
export function buildMock(options: MockOptions): { app: FastifyInstance; spec: MockSpec } {
  const spec = loadMockSpec(options.spec, { cwd: options.cwd ?? process.cwd(), ...(options.model ? { model: options.model } : {}) });
  return { app: buildMockApp(spec, options), spec };
}

/** Start the mock on 127.0.0.1 (a free port unless told); `close` stops it. */
export async function startMock(options: MockOptions): Promise<RunningMock> {
  const { app, spec } = buildMock(options);
  return listenMock(app, spec, options.port);
}
