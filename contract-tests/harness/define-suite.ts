import { afterAll, beforeAll, describe, test } from "vitest";
import { formatFailure, secretForms } from "./format.js";
import { loadApi, type LoadApiOptions } from "./load-api.js";
import { planCases } from "./plan.js";
import { ContractSession } from "./session.js";
import { startTarget, type TargetChoice } from "./target.js";
import type { RunningTarget } from "./prism.js";
import type { CaseResult, ContractCase } from "./types.js";

export interface SuiteOptions extends LoadApiOptions {
  target: TargetChoice;
  /** defaults to the API's environment variable, then its test key */
  apiKey?: string;
  /** per request, default 10 s */
  timeoutMs?: number;
  /** called with every result (the harness's own tests collect them) */
  onResult?: (result: CaseResult) => void;
  /**
   * "skip" (the CLI): a case the target cannot answer shows as skipped with the reason.
   * "pass" (npm test, which allows no skipped tests): the test asserts the case is classified
   * not applicable, with a reason, and did not run.
   */
  notApplicable?: "skip" | "pass";
}

/** What each vitest test carries for the contract reporter (task.meta.contract). */
export interface ContractMeta {
  api: string;
  target: string;
  kind: ContractCase["kind"];
  operationId: string;
  expected: string[];
  status?: number;
  /** the documented response the status fell under (`404`, `4XX`, `default`) */
  responseKey?: string;
  state: CaseResult["state"];
  durationMs: number;
  totals: { operations: number; statuses: string[] };
}

/** An error whose text is the whole report: no stack frames from the harness. */
export class ContractFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractFailure";
    this.stack = `${this.name}: ${message}`;
  }
}

export function resolveApiKey(options: { apiKey?: string }, envVar: string, testKey: string): string {
  return options.apiKey ?? process.env[envVar] ?? testKey;
}

/**
 * Register one vitest test per case (`<operationId> › <example name>`) in a describe named after
 * the API and target. The target starts in beforeAll and stops in afterAll; if it cannot start,
 * every test fails with that reason.
 */
export async function defineContractSuite(options: SuiteOptions): Promise<void> {
  const api = await loadApi(options);
  const cases = planCases(api, options.target.kind);
  const apiKey = resolveApiKey(options, api.config.auth.envVar, api.config.auth.testKey);
  const targetName = options.target.kind === "url" ? options.target.url! : options.target.kind;
  const documented = api.model.operations.flatMap((o) => o.responses.filter((r) => r.status !== "default").map((r) => `${o.operationId} ${r.status}`));
  let running: RunningTarget | undefined;
  let session: ContractSession | undefined;
  let startError: string | undefined;
  describe(`${api.name} @ ${targetName}`, () => {
    beforeAll(async () => {
      try {
        running = await startTarget(options.root, api, options.target);
        session = new ContractSession({ api, baseUrl: running.url, target: options.target.kind, apiKey, timeoutMs: options.timeoutMs ?? 10_000 });
      } catch (error) {
        startError = `cannot start target ${targetName}: ${(error as Error).message}`;
      }
    });
    afterAll(async () => {
      await session?.close();
      await running?.close();
    });
    for (const testCase of cases) {
      test(testCase.title, async (ctx) => {
        const result: CaseResult = session
          ? await session.run(testCase)
          : { case: testCase, state: "failed", failures: [{ check: "transport", message: startError ?? "the target did not start" }], notes: [], durationMs: 0 };
        options.onResult?.(result);
        const meta: ContractMeta = {
          api: api.name,
          target: targetName,
          kind: testCase.kind,
          operationId: testCase.operationId,
          expected: testCase.expectStatuses,
          ...(result.status !== undefined ? { status: result.status } : {}),
          ...(result.responseKey !== undefined ? { responseKey: result.responseKey } : {}),
          state: result.state,
          durationMs: result.durationMs,
          totals: { operations: api.model.operations.length, statuses: documented },
        };
        (ctx.task.meta as Record<string, unknown>).contract = meta;
        if (result.state === "not-applicable") {
          if (options.notApplicable === "pass") {
            if (!result.notes[0] || result.request) throw new ContractFailure(`${testCase.title}: a not-applicable case must carry a reason and send nothing`);
            return;
          }
          ctx.skip(testCase.kind === "unreplayed" ? (result.notes[0] ?? "") : `not applicable to ${targetName}: ${result.notes[0] ?? ""}`);
        }
        if (result.state === "failed") throw new ContractFailure(formatFailure(result, session?.secrets ?? secretForms(apiKey)));
      });
    }
  });
}
