import { loadApi, type LoadApiOptions } from "./load-api.js";
import { ContractSession } from "./session.js";
import { resolveApiKey } from "./define-suite.js";
import { startTarget, type TargetChoice } from "./target.js";
import type { CaseResult } from "./types.js";

export interface RunSuiteOptions extends LoadApiOptions {
  target: TargetChoice;
  apiKey?: string;
  timeoutMs?: number;
}

export interface SuiteRun {
  results: CaseResult[];
  secrets: string[];
}

/**
 * Replay one API's suite without vitest (the harness's own tests and scripts use it): start the
 * target, run every case in order, stop the target. Never throws for what a target does.
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteRun> {
  const api = await loadApi(options);
  const running = await startTarget(options.root, api, options.target);
  const apiKey = resolveApiKey(options, api.config.auth.envVar, api.config.auth.testKey);
  const session = new ContractSession({ api, baseUrl: running.url, target: options.target.kind, apiKey, timeoutMs: options.timeoutMs ?? 10_000 });
  try {
    const results: CaseResult[] = [];
    for (const testCase of session.cases) results.push(await session.run(testCase));
    return { results, secrets: session.secrets };
  } finally {
    await session.close();
    await running.close();
  }
}
