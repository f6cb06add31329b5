import { loadConfig, pathFromConfig } from "../config/load.js";
import { resolveKey } from "../contract-tests/harness/keys.js";
import { loadApi } from "../contract-tests/harness/load-api.js";
import { ContractSession } from "../contract-tests/harness/session.js";
import { startTarget } from "../contract-tests/harness/target.js";
import type { CaseResult } from "../contract-tests/harness/types.js";
import { median } from "./lib/measure.js";
import type { BenchRow } from "./lib/results.js";

const ROUNDS = 5;
/** cases per second the replay must reach: see bench/README.md */
const TARGET = 100;

interface ApiRun {
  api: string;
  /** wall time of the whole suite: load the generated files, start the reference, replay, stop */
  suiteMs: number;
  /** wall time of the requests alone */
  replayMs: number;
  results: CaseResult[];
}

/** The harness engine (what `spec-contract test` runs inside vitest), called directly on one API. */
async function replayApi(root: string, name: string): Promise<Omit<ApiRun, "suiteMs">> {
  const loaded = (await loadConfig({ cwd: root }))!;
  const config = loaded.config.apis.find((a) => a.name === name)!;
  const api = await loadApi({ cwd: root, config: { ...config, spec: pathFromConfig(loaded, root, config.spec) } });
  const target = { kind: "reference" as const };
  const running = await startTarget(root, api, target);
  const session = new ContractSession({ api, baseUrl: running.url, target: target.kind, apiKey: resolveKey({ api, target: target.kind }).key, timeoutMs: 10_000 });
  try {
    const replayStarted = performance.now();
    const results: CaseResult[] = [];
    for (const testCase of session.cases) results.push(await session.run(testCase));
    const replayMs = performance.now() - replayStarted;
    return { api: name, replayMs, results };
  } finally {
    await session.close();
    await running.close();
  }
}

async function replayAll(root: string, apis: string[]): Promise<{ suiteMs: number; runs: ApiRun[] }> {
  const started = performance.now();
  const runs: ApiRun[] = [];
  for (const api of apis) {
    const apiStarted = performance.now();
    const run = await replayApi(root, api);
    runs.push({ ...run, suiteMs: performance.now() - apiStarted });
  }
  return { suiteMs: performance.now() - started, runs };
}

/**
 * Row 4: the contract suites of every API (fixtures, documented examples, negative cases) replayed
 * against the in-process reference server, as `spec-contract test` does but without vitest around it.
 * Ratio: cases replayed per second of request time; the whole suite's time is in the detail.
 */
export async function benchReplay(root: string): Promise<BenchRow> {
  const apis = (await loadConfig({ cwd: root }))?.config.apis.map((a) => a.name) ?? [];
  if (apis.length === 0) throw new Error("replay: no APIs in spec-contract.config.*");
  const rounds: Awaited<ReturnType<typeof replayAll>>[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await replayAll(root, apis));
  const ran = (r: ApiRun) => r.results.filter((c) => c.state !== "not-applicable");
  const cases = rounds[0]!.runs.reduce((n, r) => n + ran(r).length, 0);
  const rates = rounds.map((round) => cases / (round.runs.reduce((ms, r) => ms + r.replayMs, 0) / 1000));
  const suiteMs = median(rounds.map((r) => r.suiteMs));
  const last = rounds[rounds.length - 1]!;
  const failed = last.runs.reduce((n, r) => n + r.results.filter((c) => c.state === "failed").length, 0);
  const kinds = (["fixture", "example", "negative"] as const).map((k) => `${rounds[0]!.runs.reduce((n, r) => n + ran(r).filter((c) => c.case.kind === k).length, 0)} ${k}s`);
  const perApi = last.runs.map((r) => `${r.api} ${ran(r).length} cases ${(r.suiteMs / 1000).toFixed(2)} s`).join(", ");
  return {
    name: "contract replay: examples per second against the reference",
    ratio: median(rates),
    target: TARGET,
    better: "higher",
    detail: `${cases} cases (${kinds.join(", ")}) over ${apis.length} APIs; whole suite ${(suiteMs / 1000).toFixed(2)} s median, ${(rounds[0]!.suiteMs / 1000).toFixed(2)} s first run (load, start, replay, stop; ${perApi})${failed ? `; ${failed} cases FAILED` : ", all passed"}; median of ${ROUNDS} runs`,
  };
}
