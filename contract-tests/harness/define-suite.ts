import { afterAll, beforeAll, describe, test } from "vitest";
import { ConfigError, loadConfig, pathFromConfig } from "../../config/load.js";
import type { ApiConfig } from "../../config/types.js";
import { buildMeta } from "./case-meta.js";
import { formatFailure } from "./format.js";
import { resolveKey } from "./keys.js";
import { loadApi } from "./load-api.js";
import { planRunCases } from "./plan.js";
import type { RunningTarget } from "./prism.js";
import { ContractSession } from "./session.js";
import { parseShard, shardCases } from "./shard.js";
import { probeTarget, parseTarget, startTarget, targetName, type TargetChoice } from "./target.js";
import type { CaseResult } from "./types.js";

export type { ContractMeta } from "./case-meta.js";

export interface ContractTestsOptions {
  /** the OpenAPI document (relative to `cwd`); or `api`, a name from spec-contract.config.* */
  spec?: string;
  api?: string;
  /** a URL, "prism" or "reference"; default: the configured API's target */
  target?: string | TargetChoice;
  /** default process.cwd() */
  cwd?: string;
  /** the parts of an API's config the harness reads (auth, fixtures, unique, headers, reference) */
  config?: Omit<ApiConfig, "name" | "spec"> & { name?: string };
  apiKey?: string;
  headers?: Record<string, string>;
  /** per request, default 10 s */
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** `<i>/<n>`: this part of the cases */
  shard?: string;
  /** called with every result */
  onResult?: (result: CaseResult) => void;
  /**
   * "skip" (default): a case the target cannot answer shows as skipped with the reason.
   * "pass": the test asserts the case is classified not applicable, with a reason, and did not run.
   */
  notApplicable?: "skip" | "pass";
}

/** An error whose text is the whole report: no stack frames from the harness. */
export class ContractFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractFailure";
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * Register one vitest test per case (`<operationId> › <example name>`) in a describe named after
 * the API and target. The target starts (and is probed) in beforeAll and stops in afterAll; if it
 * cannot start, every test fails with that reason. Call with top-level await in a *.test.ts.
 */
export async function contractTests(options: ContractTestsOptions): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const { config, target } = await resolveOptions(options, cwd);
  const api = await loadApi({ cwd, config });
  let cases = planRunCases(api, target.kind);
  if (options.shard !== undefined) {
    const shard = parseShard(options.shard);
    if (!shard) throw new Error(`shard must be <i>/<n>, got '${options.shard}'`);
    cases = shardCases(cases, api.model, shard);
  }
  const name = targetName(target);
  const { key } = resolveKey({ ...(options.apiKey !== undefined ? { explicit: options.apiKey } : {}), api, target: target.kind });
  let running: RunningTarget | undefined;
  let session: ContractSession | undefined;
  let startError: string | undefined;
  describe(`${api.name} @ ${name}`, () => {
    beforeAll(async () => {
      try {
        running = await startTarget(cwd, api, target);
        await probeTarget(running.url, Math.min(options.timeoutMs ?? 10_000, 10_000));
        session = new ContractSession({
          api,
          baseUrl: running.url,
          target: target.kind,
          apiKey: key,
          timeoutMs: options.timeoutMs ?? 10_000,
          cases,
          ...(options.headers ? { headers: options.headers } : {}),
          ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
        });
      } catch (error) {
        startError = `cannot start target ${name}: ${(error as Error).message}`;
      }
    }, 60_000);
    afterAll(async () => {
      await session?.cleanup();
      await session?.close();
      await running?.close();
    }, 60_000);
    for (const testCase of cases) {
      test(testCase.title, async (ctx) => {
        const result: CaseResult = session
          ? await session.run(testCase)
          : { case: testCase, state: "failed", failures: [{ check: "transport", message: startError ?? "the target did not start" }], notes: [], durationMs: 0 };
        options.onResult?.(result);
        (ctx.task.meta as Record<string, unknown>).contract = buildMeta(api, name, result);
        if (result.state === "not-applicable") {
          if (options.notApplicable === "pass") {
            if (!result.notes[0] || result.request) throw new ContractFailure(`${testCase.title}: a not-applicable case must carry a reason and send nothing`);
            return;
          }
          ctx.skip(testCase.kind === "unreplayed" ? (result.notes[0] ?? "") : `not applicable to ${name}: ${result.notes[0] ?? ""}`);
        }
        if (result.state === "failed") throw new ContractFailure(formatFailure(result, session?.secrets ?? []));
      }, (options.timeoutMs ?? 10_000) + 5_000);
    }
  });
}

async function resolveOptions(options: ContractTestsOptions, cwd: string): Promise<{ config: ApiConfig; target: TargetChoice }> {
  let config: ApiConfig;
  if (options.spec !== undefined) {
    config = { name: options.config?.name ?? options.spec.replace(/^.*\//, "").replace(/\.[^.]+$/, ""), ...options.config, spec: options.spec };
  } else if (options.api !== undefined) {
    const loaded = await loadConfig({ cwd });
    if (!loaded) throw new ConfigError(`no spec-contract.config.* in ${cwd} or above, so API '${options.api}' is unknown`);
    const found = loaded.config.apis.find((a) => a.name === options.api);
    if (!found) throw new ConfigError(`no API '${options.api}' in ${loaded.file} (it has ${loaded.config.apis.map((a) => a.name).join(", ")})`);
    config = { ...found, ...options.config, name: found.name, spec: pathFromConfig(loaded, cwd, found.spec) };
  } else {
    throw new Error("contractTests needs `spec` (a file) or `api` (a name in spec-contract.config.*)");
  }
  const raw = options.target ?? config.target;
  const target = typeof raw === "string" ? parseTarget(raw) : raw;
  if (!target) throw new Error(raw === undefined ? `contractTests: ${config.name} needs a target (a URL, "prism" or "reference")` : `contractTests: target must be a URL, "prism" or "reference", got '${String(raw)}'`);
  return { config, target };
}
