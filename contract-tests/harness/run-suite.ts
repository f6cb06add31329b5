import type { ApiConfig } from "../../config/types.js";
import { loadApi } from "./load-api.js";
import { resolveKey } from "./keys.js";
import { ContractSession } from "./session.js";
import { startTarget, type TargetChoice } from "./target.js";
import type { CaseResult } from "./types.js";

export interface RunSuiteOptions {
  cwd: string;
  config: ApiConfig;
  target: TargetChoice;
  apiKey?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
  maxResponseBytes?: number;
  uniqueSuffix?: string;
}

export interface SuiteRun {
  results: CaseResult[];
  secrets: string[];
  cleanup: { removed: number; problems: string[] };
}

/**
 * Replay one API's suite and answer every result (the harness's own tests and benches use it):
 * start the target, run every case in order, clean up, stop the target. Never throws for what a target does.
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteRun> {
  const api = await loadApi({ cwd: options.cwd, config: options.config });
  const running = await startTarget(options.cwd, api, options.target);
  const { key } = resolveKey({ ...(options.apiKey !== undefined ? { explicit: options.apiKey } : {}), api, target: options.target.kind });
  const session = new ContractSession({
    api,
    baseUrl: running.url,
    target: options.target.kind,
    apiKey: key,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.uniqueSuffix ? { uniqueSuffix: options.uniqueSuffix } : {}),
  });
  try {
    const results: CaseResult[] = [];
    for (const testCase of session.cases) results.push(await session.run(testCase));
    const cleanup = await session.cleanup();
    return { results, secrets: session.secrets, cleanup };
  } finally {
    await session.close();
    await running.close();
  }
}
