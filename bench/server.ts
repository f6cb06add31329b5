import { startPrism } from "../contract-tests/harness/prism.js";
import { TEST_KEYS } from "../reference/index.js";
import { combine, failureShare, loadTest, rotate, type LoadRequest, type LoadResult } from "./lib/load.js";
import { median } from "./lib/measure.js";
import type { BenchRow } from "./lib/results.js";
import { startServerProcess } from "./lib/server-process.js";

const SPEC = "spec/stripe/2024-06-20.yaml";
const LOAD = { seconds: 5, connections: 10 };
const ROUNDS = 2;
/** a row whose requests failed more often than this reports no ratio */
const MAX_FAILURE_SHARE = 0.5;

const HEADERS = { authorization: `Bearer ${TEST_KEYS.stripe}`, "stripe-version": "2024-06-20" };
const FORM = { ...HEADERS, "content-type": "application/x-www-form-urlencoded" };

interface Setup {
  retrieve: LoadRequest;
  create: LoadRequest;
  /** bytes of the reference's JSON answer to each */
  sizes: { retrieve: number; create: number };
}

/** A coupon and one promotion code on the reference; the requests to load and the sizes of their answers. */
async function prepare(url: string): Promise<Setup> {
  const send = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${url}${path}`, { method, headers: body === undefined ? HEADERS : FORM, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`setup: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return { text, bytes: Buffer.byteLength(text) };
  };
  const coupon = JSON.parse((await send("POST", "/v1/coupons", "percent_off=10&duration=once")).text) as { id: string };
  // No `code`: the server generates one, so every create succeeds (a fixed code is a duplicate after the first).
  const createBody = `coupon=${encodeURIComponent(coupon.id)}`;
  const created = await send("POST", "/v1/promotion_codes", createBody);
  const id = (JSON.parse(created.text) as { id: string }).id;
  const retrieve: LoadRequest = { method: "GET", path: `/v1/promotion_codes/${id}`, headers: HEADERS };
  const fetched = await send("GET", retrieve.path);
  return {
    retrieve,
    create: { method: "POST", path: "/v1/promotion_codes", headers: FORM, body: createBody },
    sizes: { retrieve: fetched.bytes, create: created.bytes },
  };
}

function describe(label: string, r: LoadResult): string {
  const failed = r.non2xx + r.errors;
  const failures = failed ? `, ${failed.toLocaleString("en")} of ${(r.ok + failed).toLocaleString("en")} failed (${r.non2xx} non-2xx, ${r.errors} errors)` : "";
  const p99 = r.p99 < 1 ? "<1" : r.p99.toFixed(0);
  return `${label} ${Math.round(r.rps).toLocaleString("en")} req/s p99 ${p99} ms${failures}`;
}

function row(input: { name: string; target: number; ours: LoadResult; other: LoadResult; otherLabel: string; note: string }): BenchRow {
  const failing = [input.ours, input.other].some((r) => failureShare(r) > MAX_FAILURE_SHARE);
  return {
    name: input.name,
    ratio: failing ? Number.NaN : input.ours.rps / input.other.rps,
    target: input.target,
    better: "higher",
    detail: `${failing ? "no ratio: most requests failed; " : ""}${describe("reference", input.ours)} vs ${describe(input.otherLabel, input.other)}; ${input.note}`,
  };
}

/**
 * Row 3: the Stripe reference server under autocannon (loopback, 10 connections, 5 s runs) for
 * retrieve and for create (form body), against a bare node:http server answering a fixed JSON of
 * the same size (the ceiling) and against Prism's mock on the same spec. Each server runs in its own
 * process; the three are measured in turn, twice over.
 */
export async function benchServer(root: string): Promise<BenchRow[]> {
  const closers: (() => Promise<void>)[] = [];
  try {
    const reference = await startServerProcess(root, ["reference", "stripe"]);
    closers.push(reference.close);
    const setup = await prepare(reference.url);
    const bare = await startServerProcess(root, ["bare", String(setup.sizes.retrieve), String(setup.sizes.create)]);
    closers.push(bare.close);
    const prism = await startPrism({ root, specFile: SPEC });
    closers.push(prism.close);
    const rows: BenchRow[] = [];
    let stored = 1;
    for (const op of ["retrieve", "create"] as const) {
      const request = setup[op];
      const measure = (url: string) => () => loadTest(url, request, LOAD);
      const runs = await rotate(ROUNDS, [measure(reference.url), measure(bare.url), measure(prism.url)]);
      const [ours, ceiling, mock] = runs.map((r) => combine(r, median));
      const what = op === "retrieve" ? `GET ${request.path.replace(/promo_\w+/, "{id}")}` : `POST ${request.path} (form body)`;
      let note = `${what}, ${LOAD.connections} connections, median of ${ROUNDS} alternating ${LOAD.seconds} s runs each`;
      if (op === "create") {
        const perRun = runs[0]!.map((r) => Math.round(r.rps).toLocaleString("en")).join(" then ");
        stored += ours!.ok;
        note += `; reference runs ${perRun} req/s as its store grew to ${stored.toLocaleString("en")} codes`;
      }
      rows.push(
        row({ name: `server: ${op}, reference vs bare node:http (share of ceiling)`, target: 0.6, ours: ours!, other: ceiling!, otherLabel: "bare node:http", note: `${note}; fixed ${setup.sizes[op]}-byte JSON` }),
        row({ name: `server: ${op}, reference vs Prism mock (speed-up)`, target: 10, ours: ours!, other: mock!, otherLabel: "Prism", note }),
      );
    }
    return rows;
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
