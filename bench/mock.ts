import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { startPrism } from "../contract-tests/harness/prism.js";
import { ensureBuilt } from "./lib/cli.js";
import { TEST_KEYS } from "../reference/index.js";
import { stripeSpecPath } from "../test/fixtures/specs/stripe.js";
import { combine, failureShare, loadTest, rotate, type LoadRequest, type LoadResult } from "./lib/load.js";
import { median, runNode } from "./lib/measure.js";
import type { BenchRow } from "./lib/results.js";
import { processCpuMicros, startServerProcess } from "./lib/server-process.js";
import { createBody, formHeadersFor, freshCreates, headersFor, send } from "./lib/reference-accounts.js";

const SMALL_SPEC = "spec/stripe/2024-06-20.yaml";
const LOAD = { seconds: 5, connections: 10 };
const HEADERS = headersFor(TEST_KEYS.stripe);
const FORM = formHeadersFor(TEST_KEYS.stripe);
const FIRST_REQUEST = { path: "/v1/customers/cus_bench", headers: { authorization: `Bearer ${TEST_KEYS.stripe}` } };

/** Wall time from spawn to the first answer, and the CPU time (user + system, all threads) the child had used by then. */
interface FirstAnswer {
  ms: number;
  cpuMs: number;
}

/**
 * Spawn `spec-contract mock <args>` (a fresh process of the compiled CLI, as a user runs it) and answer the milliseconds from
 * spawn to the first answer of GET /v1/customers/{id}. Bounded by `timeoutMs`; the child is always stopped.
 */
function timeToFirstAnswer(root: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<FirstAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, ensureBuilt(root)), "mock", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const finish = (error: Error | undefined, answer?: FirstAnswer) => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      if (error) reject(error);
      else resolve(answer!);
    };
    const timer = setTimeout(() => finish(new Error(`mock ${args.join(" ")} gave no answer within ${timeoutMs} ms: ${stderr.slice(-300)}`)), timeoutMs);
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => finish(new Error(`mock ${args.join(" ")} exited ${code}: ${stderr.slice(-300)}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (\S+)\n/.exec(stdout);
      if (!match) return;
      child.stdout.removeAllListeners("data");
      fetch(`${match[1]}${FIRST_REQUEST.path}`, { headers: FIRST_REQUEST.headers })
        .then(async (res) => {
          await res.text();
          const ms = performance.now() - started;
          const cpuMs = processCpuMicros(child.pid) / 1000;
          if (res.status !== 200) throw new Error(`first answer was ${res.status}`);
          child.removeAllListeners("exit");
          finish(undefined, { ms, cpuMs });
        })
        .catch((error: Error) => finish(error));
    });
  });
}

/**
 * A project folder whose generated/stripe-full/ is what `spec-contract generate` writes for Stripe's
 * full spec (model.json, manifest.json, validators…), for `mock stripe-full`. Its own config names the
 * API (the scratch folder sits inside this repository, whose config would be found otherwise).
 */
async function generatedProject(root: string, scratch: string, spec: string): Promise<string> {
  const project = join(scratch, "mock-project");
  mkdirSync(project, { recursive: true });
  const config = { apis: [{ name: "stripe-full", spec: relative(project, spec), output: "generated/stripe-full" }] };
  writeFileSync(join(project, "spec-contract.config.json"), JSON.stringify(config));
  const args = [join(root, ensureBuilt(root)), "generate", "--spec", spec, "--out", "generated/stripe-full", "--allow-format", "unix-time", "--allow-format", "decimal", "--quiet"];
  const run = await runNode(args, { cwd: project, timeoutMs: 300_000 });
  if (run.code !== 0) throw new Error(`generate for the mock's start-up rows exited ${run.code}: ${run.stderr.slice(-300)}`);
  return project;
}

/**
 * Rows: time to first answer on Stripe's full description in a fresh process (generated beforehand,
 * and the document given directly), each as a fraction of the issue's budget (1 s, 3 s), with Prism's
 * time to first answer on our small Stripe spec for context (it never starts on the full one).
 */
export async function benchMockStartup(root: string, scratch: string): Promise<BenchRow[]> {
  const spec = stripeSpecPath();
  const project = await generatedProject(root, scratch, spec);
  const prismStart = async () => {
    const started = performance.now();
    const prism = await startPrism({ root, specFile: SMALL_SPEC });
    const res = await fetch(`${prism.url}/v1/coupons/x`, { headers: HEADERS });
    await res.text();
    await prism.close();
    return performance.now() - started;
  };
  const prismAnswer = async (): Promise<FirstAnswer> => ({ ms: await prismStart(), cpuMs: Number.NaN });
  const runs = await rotate(3, [() => timeToFirstAnswer(root, ["stripe-full"], project), () => timeToFirstAnswer(root, ["--spec", spec], root), prismAnswer]);
  return startupRows(runs[0]!, runs[1]!, runs[2]!.map((r) => r.ms));
}

function startupRows(generated: FirstAnswer[], direct: FirstAnswer[], prism: number[]): BenchRow[] {
  const context = `Prism on our small Stripe spec (6 operations) ${(median(prism) / 1000).toFixed(2)} s; Prism never starts on the full one`;
  const seconds = (runs: FirstAnswer[]) => runs.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(", ");
  const cpu = (runs: FirstAnswer[]) => `${(Math.min(...runs.map((r) => r.cpuMs)) / 1000).toFixed(2)} s of CPU (lowest)`;
  const row = (runs: FirstAnswer[], budgetMs: number, name: string, command: string): BenchRow => {
    const wall = median(runs.map((r) => r.ms));
    return {
      name,
      ratio: wall / budgetMs,
      target: 1,
      better: "lower",
      detail: `spawn of \`${command}\` to first 200: median ${(wall / 1000).toFixed(2)} s (${seconds(runs)}), ${cpu(runs)}; ${context}`,
    };
  };
  return [
    row(generated, 1000, "mock: first answer, full Stripe spec generated beforehand (fraction of 1 s)", "spec-contract mock stripe-full"),
    row(direct, 3000, "mock: first answer, full Stripe spec given directly (fraction of 3 s)", "spec-contract mock --spec stripe-spec3.json"),
  ];
}

function describe(label: string, r: LoadResult): string {
  const failed = r.non2xx + r.errors;
  return `${label} ${Math.round(r.rps).toLocaleString("en")} req/s p99 ${r.p99 < 1 ? "<1" : r.p99.toFixed(0)} ms${failed ? `, ${failed} failed` : ""}`;
}

/**
 * Rows: requests per second of the mock (its own process, our small Stripe spec, no state) against
 * Prism's mock and the reference server on the same requests, measured in turn, twice over.
 */
export async function benchMockThroughput(root: string): Promise<BenchRow[]> {
  const closers: (() => Promise<void>)[] = [];
  try {
    const mock = await startServerProcess(root, ["mock", SMALL_SPEC]);
    closers.push(mock.close);
    const reference = await startServerProcess(root, ["reference", "stripe"]);
    closers.push(reference.close);
    const prism = await startPrism({ root, specFile: SMALL_SPEC });
    closers.push(prism.close);
    const coupon = await createBody(reference.url, TEST_KEYS.stripe);
    const code = (JSON.parse((await send(reference.url, "POST", "/v1/promotion_codes", TEST_KEYS.stripe, coupon)).text) as { id: string }).id;
    const requests: Record<string, LoadRequest> = {
      retrieve: { method: "GET", path: `/v1/promotion_codes/${code}`, headers: HEADERS },
      create: { method: "POST", path: "/v1/promotion_codes", headers: FORM, body: coupon },
    };
    const rows: BenchRow[] = [];
    for (const [op, request] of Object.entries(requests)) {
      const measure = (url: string) => () => loadTest(url, request, LOAD);
      // the reference keeps what it creates: each create run gets fresh accounts (bench/lib/reference-accounts.ts)
      const measureReference = op === "create" ? async () => loadTest(reference.url, await freshCreates(reference.url), LOAD) : measure(reference.url);
      const runs = await rotate(3, [measure(mock.url), measure(prism.url), measureReference]);
      const [ours, other, ref] = runs.map((r) => combine(r, median));
      const failing = [ours!, other!, ref!].some((r) => failureShare(r) > 0.5);
      const note = `${request.method} ${request.path.replace(/promo_\w+/, "{id}")} on ${SMALL_SPEC}, ${LOAD.connections} connections, median of 3 alternating ${LOAD.seconds} s runs`;
      const detail = `${failing ? "no ratio: most requests failed; " : ""}${describe("mock", ours!)} vs ${describe("Prism", other!)} vs ${describe("reference", ref!)}; ${note}`;
      rows.push(
        { name: `mock: ${op}, mock vs Prism (speed-up)`, ratio: failing ? Number.NaN : ours!.rps / other!.rps, target: 15, better: "higher", detail },
        { name: `mock: ${op}, mock vs reference server (share)`, ratio: failing ? Number.NaN : ours!.rps / ref!.rps, target: 0.8, better: "higher", detail },
      );
    }
    return rows;
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
