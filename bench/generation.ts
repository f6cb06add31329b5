import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median, runNode, sideBySide, type ProcessRun } from "./lib/measure.js";
import type { BenchRow } from "./lib/results.js";
import { ensureBuilt } from "./lib/cli.js";
import { stripeSpecPath } from "../test/fixtures/specs/stripe.js";

const STRIPE = stripeSpecPath();
const FORMATS = ["--allow-format", "unix-time", "--allow-format", "decimal"];
const GIB = 1024 ** 3;

function check(run: ProcessRun, what: string): ProcessRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}): ${run.stderr.slice(-500)}`);
  return run;
}

/**
 * Row 1: the whole pipeline on Stripe's full spec against openapi-typescript's CLI alone,
 * peak RSS, and regeneration after one schema changes against a cold run.
 * Answers the rows and the folder holding the generated Stripe output (for the validator rows).
 */
export async function benchGeneration(root: string, scratch: string): Promise<{ rows: BenchRow[]; stripeOut: string }> {
  const out = join(scratch, "stripe");
  const cli = ensureBuilt(root);
  // every run of the first row is cold: its unit cache (generator/cache/store.ts) emptied first
  const cacheDir = join(root, "node_modules/.cache/spec-contract");
  const emptyCache = () => rmSync(cacheDir, { recursive: true, force: true });
  const ours = () => (emptyCache(), runNode([cli, "generate", "--spec", STRIPE, "--out", out, ...FORMATS, "--quiet"], { cwd: root, timeoutMs: 120_000 }).then((r) => check(r, "generate")));
  const ots = () =>
    runNode(["node_modules/openapi-typescript/bin/cli.js", STRIPE, "-o", join(scratch, "ots.ts")], { cwd: root, timeoutMs: 60_000 }).then((r) => check(r, "openapi-typescript"));
  const runs = await sideBySide(2, ours, ots);
  const oursMs = median(runs.a.map((r) => r.ms));
  const otsMs = median(runs.b.map((r) => r.ms));
  const peak = Math.max(...runs.a.map((r) => r.maxRssBytes));

  // One schema changes: a copy of the spec with one property added to `coupon`.
  const dir = mkdtempSync(join(scratch, "incremental-"));
  const spec = join(dir, "stripe.json");
  cpSync(STRIPE, spec);
  const incrementalOut = join(dir, "out");
  emptyCache();
  const gen = () => runNode([cli, "generate", "--spec", spec, "--out", incrementalOut, ...FORMATS, "--quiet"], { cwd: root, timeoutMs: 120_000 }).then((r) => check(r, "generate"));
  const cold = await gen();
  const doc = JSON.parse(readFileSync(spec, "utf8")) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
  doc.components.schemas.coupon!.properties.bench_note = { type: "string", description: "added by the benchmark" };
  writeFileSync(spec, JSON.stringify(doc));
  const warm = await gen();
  rmSync(dir, { recursive: true, force: true });

  return {
    stripeOut: out,
    rows: [
      {
        name: "generate: full Stripe spec vs openapi-typescript CLI",
        ratio: oursMs / otsMs,
        target: 2.0,
        better: "lower",
        detail: `ours ${(oursMs / 1000).toFixed(2)} s (compiled CLI: types, validators, server, client, examples) vs openapi-typescript ${(otsMs / 1000).toFixed(2)} s; median of 2 alternating runs`,
      },
      {
        name: "generate: peak RSS on the full Stripe spec (fraction of 1 GiB)",
        ratio: peak / GIB,
        target: 1.0,
        better: "lower",
        detail: `${(peak / 1024 ** 2).toFixed(0)} MiB peak RSS`,
      },
      {
        name: "generate: after one schema change vs cold",
        ratio: warm.ms / cold.ms,
        target: 0.2,
        better: "lower",
        detail: `${(warm.ms / 1000).toFixed(2)} s after adding one property to 'coupon' vs ${(cold.ms / 1000).toFixed(2)} s cold`,
      },
    ],
  };
}
