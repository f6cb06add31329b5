import { startPrism } from "../contract-tests/harness/prism.js";
import { TEST_KEYS } from "../reference/index.js";
import { combine, loadTest, rotate, type LoadRequest, type LoadResult } from "./lib/load.js";
import { median } from "./lib/measure.js";
import type { BenchRow } from "./lib/results.js";
import { startServerProcess } from "./lib/server-process.js";
import { CREATE_ACCOUNTS, createBody, freshCreates, headersFor, send } from "./lib/reference-accounts.js";
import { findStripeMock, startStripeMock } from "./lib/stripe-mock.js";

const SPEC = "spec/stripe/2024-06-20.yaml";
const LOAD = { seconds: 4, connections: 10 };
const ROUNDS = 3;
/** a row reports no ratio when a server answered any non-2xx, or when more than this share of requests met connection errors */
const MAX_ERROR_SHARE = 0.01;

const HEADERS = headersFor(TEST_KEYS.stripe);

interface Setup {
  retrieve: LoadRequest;
  /** bytes of the reference's JSON answer to each */
  sizes: { retrieve: number; create: number };
}

interface Target {
  key: "reference" | "bare" | "fastify" | "skeleton" | "prism" | "stripeMock";
  label: string;
  url: string;
  cpuMicros?: () => number;
}

type Results = Partial<Record<Target["key"], LoadResult>>;


/** A coupon and one promotion code on the reference; the retrieve request and the sizes of the answers. */
async function prepare(url: string): Promise<Setup> {
  const key = TEST_KEYS.stripe;
  const created = await send(url, "POST", "/v1/promotion_codes", key, await createBody(url, key));
  const id = (JSON.parse(created.text) as { id: string }).id;
  const retrieve: LoadRequest = { method: "GET", path: `/v1/promotion_codes/${id}`, headers: HEADERS };
  const fetched = await send(url, "GET", retrieve.path, key);
  return { retrieve, sizes: { retrieve: fetched.bytes, create: created.bytes } };
}

function cpu(r: LoadResult): string {
  return Number.isFinite(r.cpuPerRequest) ? `${r.cpuPerRequest.toFixed(1)} µs/req` : "CPU n/a";
}

function describe(label: string, r: LoadResult): string {
  const failed = r.non2xx + r.errors;
  const failures = failed ? `, ${failed.toLocaleString("en")} of ${(r.ok + failed).toLocaleString("en")} failed (${r.non2xx} non-2xx, ${r.errors} errors)` : "";
  const p99 = r.p99 < 1 ? "<1" : r.p99.toFixed(0);
  return `${label} ${Math.round(r.rps).toLocaleString("en")} req/s ${cpu(r)} p99 ${p99} ms${failures}`;
}

/** Every request of these rows should succeed: a non-2xx answer is a failure, never part of a ratio. */
function failing(...results: LoadResult[]): boolean {
  return results.some((r) => r.non2xx > 0 || r.errors / Math.max(1, r.ok + r.non2xx + r.errors) > MAX_ERROR_SHARE);
}

/** Share of the ceiling in CPU per request (bare µs / reference µs), with the in-between servers in the detail. */
function shareRow(op: string, r: Results, note: string): BenchRow {
  const ours = r.reference!;
  const bare = r.bare!;
  const share = (other: LoadResult) => (other.cpuPerRequest / ours.cpuPerRequest).toFixed(2);
  const bad = failing(ours, bare);
  return {
    name: `server: ${op}, reference vs bare node:http (share of ceiling, CPU per request)`,
    ratio: bad ? Number.NaN : bare.cpuPerRequest / ours.cpuPerRequest,
    target: op === "retrieve" ? 0.6 : 0.5,
    better: "higher",
    detail:
      `${bad ? "no ratio: requests failed; " : ""}${describe("reference", ours)} vs ${describe("bare node:http", bare)}; ` +
      `req/s share ${(ours.rps / bare.rps).toFixed(2)}; ` +
      `bare Fastify ${cpu(r.fastify!)} (its share of bare node:http ${(bare.cpuPerRequest / r.fastify!.cpuPerRequest).toFixed(2)}, reference's share of it ${share(r.fastify!)}); ` +
      `generated skeleton with a fixed-answer handler ${cpu(r.skeleton!)} (reference's share of it ${share(r.skeleton!)}); ${note}`,
  };
}

/** req/s of the reference against another mock of the same API, measured in the same rounds. */
function speedRow(op: string, other: LoadResult, label: string, target: number, note: string, ours: LoadResult): BenchRow {
  const bad = failing(ours, other);
  return {
    name: `server: ${op}, reference vs ${label} (speed-up)`,
    ratio: bad ? Number.NaN : ours.rps / other.rps,
    target,
    better: "higher",
    detail: `${bad ? "no ratio: requests failed; " : ""}${describe("reference", ours)} vs ${describe(label, other)}; ${cpuRatio(label, other, ours)}${note}`,
  };
}

/** "stripe-mock uses 2.1× the reference's CPU per request; " when both were read (req/s alone depends on the load generator's share of the cores). */
function cpuRatio(label: string, other: LoadResult, ours: LoadResult): string {
  const ratio = other.cpuPerRequest / ours.cpuPerRequest;
  return Number.isFinite(ratio) ? `${label} uses ${ratio.toFixed(2)}× the reference's CPU per request; ` : "";
}

function skippedRow(op: string, why: string): BenchRow {
  return { name: `server: ${op}, reference vs stripe-mock (speed-up)`, ratio: Number.NaN, target: 1.5, better: "higher", detail: `skipped: ${why}`, skipped: why };
}

/** Every target loaded in turn with the requests `requestsFor` answers before each run, ROUNDS times over; the median of each. */
async function measureAll(targets: Target[], requestsFor: () => Promise<LoadRequest[]>): Promise<{ results: Results; referenceRuns: LoadResult[] }> {
  const runs = await rotate(
    ROUNDS,
    targets.map((t) => async () => loadTest(t.url, await requestsFor(), LOAD, t.cpuMicros)),
  );
  const results: Results = {};
  targets.forEach((t, i) => (results[t.key] = combine(runs[i]!, median)));
  return { results, referenceRuns: runs[0]! };
}

/**
 * Row 3: the Stripe reference server under autocannon (loopback, 10 connections, 5 s runs) for
 * retrieve and for create (form body). Ceiling: a bare node:http server answering a fixed JSON of the
 * same size; in between, a bare Fastify route and the generated skeleton with fixed-answer handlers;
 * other mocks: Prism on the same spec, and stripe-mock when a `stripe-mock` binary is on the PATH.
 * Each server runs in its own process, and each is measured in turn, ROUNDS times over; CPU µs per
 * request comes from the server process's /proc/<pid>/stat before and after each run.
 */
export async function benchServer(root: string): Promise<BenchRow[]> {
  const closers: (() => Promise<void>)[] = [];
  try {
    const reference = await startServerProcess(root, ["reference", "stripe"]);
    closers.push(reference.close);
    const setup = await prepare(reference.url);
    const sizes = [String(setup.sizes.retrieve), String(setup.sizes.create)];
    const targets: Target[] = [{ key: "reference", label: "reference", ...reference }];
    for (const key of ["bare", "fastify", "skeleton"] as const) {
      const server = await startServerProcess(root, [key, ...sizes]);
      closers.push(server.close);
      targets.push({ key, label: key, ...server });
    }
    const prism = await startPrism({ root, specFile: SPEC });
    closers.push(prism.close);
    targets.push({ key: "prism", label: "Prism", url: prism.url });
    const binary = findStripeMock();
    if (binary) {
      const mock = await startStripeMock(binary);
      closers.push(mock.close);
      targets.push({ key: "stripeMock", label: "stripe-mock", ...mock });
    }
    return await measureRows(targets, setup, reference.url, binary !== undefined);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

async function measureRows(targets: Target[], setup: Setup, referenceUrl: string, withStripeMock: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let stored = 1;
  for (const op of ["retrieve", "create"] as const) {
    const requestsFor = op === "retrieve" ? () => Promise.resolve([setup.retrieve]) : () => freshCreates(referenceUrl);
    const { results, referenceRuns } = await measureAll(targets, requestsFor);
    const ours = results.reference!;
    const what = op === "retrieve" ? `GET ${setup.retrieve.path.replace(/promo_\w+/, "{id}")}` : "POST /v1/promotion_codes (form body)";
    let note = `${what}, ${LOAD.connections} connections, ${ROUNDS} alternating ${LOAD.seconds} s runs each (req/s: median; CPU µs per 2xx answer: lowest)`;
    if (op === "create") {
      stored += ours.ok;
      note +=
        `; each run spreads its creates over ${CREATE_ACCOUNTS} fresh accounts; reference runs ${referenceRuns.map((r) => Math.round(r.rps).toLocaleString("en")).join(" then ")} req/s ` +
        `as its store grew to ${stored.toLocaleString("en")} codes`;
    }
    rows.push(shareRow(op, results, `${note}; fixed ${setup.sizes[op]}-byte JSON`));
    rows.push(speedRow(op, results.prism!, "Prism mock", 10, note, ours));
    rows.push(withStripeMock ? speedRow(op, results.stripeMock!, "stripe-mock", 1.5, note, ours) : skippedRow(op, "no stripe-mock binary on the PATH (build it from its source with Go and -mod=vendor to get this row)"));
  }
  return rows;
}
