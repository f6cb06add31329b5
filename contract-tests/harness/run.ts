import type { CommandIo } from "../../cli/io.js";
import type { ApiConfig } from "../../config/types.js";
import { chooseScheme } from "./auth.js";
import { buildMeta } from "./case-meta.js";
import { escapeControl, formatFailure, sanitize } from "./format.js";
import { loadApiChecked, type LoadedApi } from "./load-api.js";
import { resolveKey } from "./keys.js";
import { planRunCases } from "./plan.js";
import type { RunningTarget } from "./prism.js";
import { renderJson, renderJunit, writeReport } from "./report-files.js";
import { ContractSession } from "./session.js";
import { shardCases, type Shard } from "./shard.js";
import { formatSummary, summarize, type ReportedCase } from "./summary.js";
import { probeTarget, startTarget, targetName, type TargetChoice } from "./target.js";

export interface RunApi {
  /** spec and output paths relative to `cwd` */
  config: ApiConfig;
  target: TargetChoice;
  /** compare the API's output folder with its spec first (configured APIs) */
  checkStale: boolean;
}

export interface RunOptions {
  cwd: string;
  apis: RunApi[];
  io: CommandIo;
  apiKey?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes?: number;
  shard?: Shard;
  junitFile?: string;
  jsonFile?: string;
  prismStartupMs?: number;
  env?: Record<string, string | undefined>;
}

/** Exit codes of `spec-contract test`. */
export const EXIT = { ok: 0, failed: 1, setup: 2 } as const;

/**
 * Replay every API's cases in-process (no test runner needed): setup (spec, output freshness, cases,
 * target) first, where any failure stops the run with one message and exit 2 (stale output: exit 1);
 * then one line per case, cleanup, the summary table and the report files.
 */
export async function runContracts(options: RunOptions): Promise<number> {
  const { io } = options;
  const reported: ReportedCase[] = [];
  const started = performance.now();
  let secrets: string[] = [];
  for (const entry of options.apis) {
    const name = entry.config.name;
    let api: LoadedApi;
    try {
      const loaded = await loadApiChecked({ cwd: options.cwd, config: entry.config, checkOutput: entry.checkStale });
      if (loaded.stale.length > 0) {
        for (const line of loaded.stale) io.err(line);
        io.err(`spec-contract test: ${name}: ${entry.config.output}/ is out of date with ${entry.config.spec}: run \`spec-contract generate\` first`);
        return EXIT.failed;
      }
      api = loaded.api;
    } catch (error) {
      return setupFailure(io, name, error);
    }
    const outcome = await runOneApi(options, entry, api, reported);
    secrets = [...secrets, ...outcome.secrets];
    if (outcome.exit !== undefined) return outcome.exit;
  }
  const summaries = summarize(reported);
  const wallMs = performance.now() - started;
  io.out(`\n${formatSummary(summaries, wallMs)}`);
  if (options.junitFile) await writeReport(options.junitFile, renderJunit(reported, summaries));
  if (options.jsonFile) await writeReport(options.jsonFile, renderJson(reported, summaries, wallMs));
  return reported.some((c) => c.state === "failed") ? EXIT.failed : EXIT.ok;
}

async function runOneApi(options: RunOptions, entry: RunApi, api: LoadedApi, reported: ReportedCase[]): Promise<{ exit?: number; secrets: string[] }> {
  const { io } = options;
  const name = targetName(entry.target);
  let cases;
  let running: RunningTarget | undefined;
  let session: ContractSession | undefined;
  try {
    const all = planRunCases(api, entry.target.kind);
    cases = options.shard ? shardCases(all, api.model, options.shard) : all;
    chooseScheme(api.model, api.config.auth?.scheme); // a configured scheme the spec lacks stops here, before any request
    const key = resolveKey({ ...(options.apiKey !== undefined ? { explicit: options.apiKey } : {}), api, target: entry.target.kind, ...(options.env ? { env: options.env } : {}) });
    if (key.warning) io.err(`spec-contract test: ${key.warning}`);
    running = await startTarget(options.cwd, api, entry.target, options.prismStartupMs);
    await probeTarget(running.url, Math.min(options.timeoutMs, 10_000));
    session = new ContractSession({
      api,
      baseUrl: running.url,
      target: entry.target.kind,
      apiKey: key.key,
      timeoutMs: options.timeoutMs,
      cases,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
    });
  } catch (error) {
    await running?.close();
    return { exit: setupFailure(io, api.name, error), secrets: [] };
  }
  const secrets = session.secrets;
  try {
    io.out(`\n${escapeControl(`${api.name} @ ${name}`)}${options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : ""}`);
    if (session.cases.every((c) => c.kind === "fixture")) io.out(`  no cases in this shard`);
    for (const testCase of session.cases) {
      const result = await session.run(testCase);
      const meta = buildMeta(api, name, result);
      const title = escapeControl(testCase.title);
      if (result.state === "passed") {
        reported.push({ title: testCase.title, meta, state: "passed", durationMs: result.durationMs });
        io.out(`  ✓ ${title}  ${result.durationMs} ms`);
      } else if (result.state === "not-applicable") {
        const message = sanitize(`not applicable to ${name}: ${result.notes[0] ?? ""}`, secrets);
        reported.push({ title: testCase.title, meta, state: "not-applicable", message, durationMs: result.durationMs });
        io.out(`  – ${title}  ${message}`);
      } else {
        const message = formatFailure(result, secrets);
        reported.push({ title: testCase.title, meta, state: "failed", message, durationMs: result.durationMs });
        io.out(`  ✗ ${message.split("\n").join("\n    ")}`);
      }
    }
    const cleaned = await session.cleanup();
    if (cleaned.removed > 0) io.out(`  cleaned up ${cleaned.removed} object(s) the run created`);
    for (const problem of cleaned.problems) io.err(`spec-contract test: ${api.name}: cleanup: ${sanitize(problem, secrets)}`);
  } finally {
    await session.close();
    await running.close();
  }
  return { secrets };
}

/** Anything that fails before the first case (the spec, the config's fixtures or auth scheme, the target) is one message and exit 2. */
function setupFailure(io: CommandIo, api: string, error: unknown): number {
  if (!(error instanceof Error)) throw error;
  io.err(`spec-contract test: ${api}: ${escapeControl(error.message)}`);
  return EXIT.setup;
}
