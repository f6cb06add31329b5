import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { createAjv } from "../generator/schema/compile.js";
import { generate } from "../generator/index.js";
import { median } from "./lib/measure.js";
import { validatorsForSpec } from "../generator/stages/validators-for.js";
import type { BenchRow } from "./lib/results.js";
import { stripeSpecPath } from "../test/fixtures/specs/stripe.js";

const FORMATS = ["unix-time", "decimal"];

function child(args: string[], root: string): { ms: number; valid: boolean } {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 120_000 })) as { ms: number; valid: boolean };
}

/** Row 2a: load the precompiled module + validate once, against ajv compiling the same schemas at run time. */
export async function benchColdStart(root: string, scratch: string, stripeOut: string): Promise<BenchRow> {
  const { registry } = await validatorsForSpec(stripeSpecPath(), { cwd: root, allowFormats: FORMATS });
  const response = registry.validators.filter((v) => v.module === "response");
  const input = join(scratch, "cold-input.json");
  const sample = { id: "PromotionCode", data: { id: "promo_1", object: "promotion_code" } };
  writeFileSync(input, JSON.stringify({ resources: registry.resources, validators: response, formats: FORMATS, sample }));
  // The module is plain JavaScript in a `.ts` file (`// @ts-nocheck`): plain node loads a copy named .mjs.
  const plainModule = join(scratch, "cold-response.mjs");
  if (stripeOut !== "") copyFileSync(join(stripeOut, "validators/response.ts"), plainModule);
  else writeFileSync(plainModule, await stripeResponseModule(root));
  const standalone: number[] = [];
  const runtime: number[] = [];
  for (let i = 0; i < 2; i++) {
    standalone.push(child(["bench/cold-standalone.mjs", plainModule, input], root).ms);
    runtime.push(child(["--import", "tsx", "bench/cold-runtime.ts", input], root).ms);
  }
  const a = median(standalone);
  const b = median(runtime);
  return {
    name: "validators: cold start, precompiled vs ajv at run time (speed-up)",
    ratio: b / a,
    target: 10,
    better: "higher",
    detail: `load + validate once: ${a.toFixed(0)} ms precompiled vs ${b.toFixed(0)} ms compiling ${response.length} Stripe schemas at run time`,
  };
}

/** The full Stripe spec's validators/response.ts, generated in-process (`npm run bench -- validators` alone, without the generation step's output). */
async function stripeResponseModule(root: string): Promise<string> {
  const result = await generate({ targets: [{ spec: stripeSpecPath(), out: "unused" }], cwd: root, allowFormats: FORMATS, cacheDir: false });
  const text = result.apis[0]?.files.get("validators/response.ts");
  if (text === undefined) throw new Error(`the full Stripe spec did not generate: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  return text;
}

/** Row 2b: validations per second, precompiled vs runtime-compiled, on the same documented examples. */
export async function benchThroughput(root: string, scratch: string): Promise<BenchRow> {
  const api = "stripe-2024-06-20";
  const { registry } = await validatorsForSpec("spec/stripe/2024-06-20.yaml", { cwd: root });
  const ajv = createAjv("response", []);
  ajv.addSchema(registry.resources);
  for (const v of registry.validators.filter((x) => x.module === "response")) ajv.addSchema(v.schema, v.id);
  // Loaded as users run it, plain JavaScript (tsc's output and --lang js are the same text): a copy named
  // .mjs. Through tsx (esbuild's transform) the same module validated about 10% slower in this loop.
  const plainModule = join(scratch, "throughput-response.mjs");
  copyFileSync(join(root, `generated/${api}/validators/response.ts`), plainModule);
  const standalone = (await import(pathToFileURL(plainModule).href)) as Record<string, ValidateFunction>;
  const model = JSON.parse(readFileSync(join(root, `generated/${api}/model.json`), "utf8")) as {
    operations: { operationId: string; typeName: string }[];
  };
  const { examples } = JSON.parse(readFileSync(join(root, `generated/${api}/examples.json`), "utf8")) as {
    examples: { operationId: string; response: { status: string; body: unknown } }[];
  };
  const cases = examples.map((e) => {
    const typeName = model.operations.find((o) => o.operationId === e.operationId)!.typeName;
    const id = `${typeName}Response${e.response.status}`;
    return { id, data: e.response.body };
  }).filter((c) => standalone[c.id]);
  const loop = (pick: (id: string) => ValidateFunction, seconds = 1.5): number => {
    const fns = cases.map((c) => [pick(c.id), c.data] as const);
    const deadline = performance.now() + seconds * 1000;
    let count = 0;
    while (performance.now() < deadline) {
      for (const [fn, data] of fns) fn(data);
      count += fns.length;
    }
    return count / seconds;
  };
  // warm-up of both, not measured: the JIT's first optimisations would fall on whichever runs first
  loop((id) => standalone[id]!, 0.5);
  loop((id) => ajv.getSchema(id)!, 0.5);
  const a: number[] = [];
  const b: number[] = [];
  // ABBA order, so neither side always runs first (warm-up and GC fall on both alike).
  for (let i = 0; i < 4; i++) {
    const first = i % 2 === 0;
    if (first) a.push(loop((id) => standalone[id]!));
    b.push(loop((id) => ajv.getSchema(id)!));
    if (!first) a.push(loop((id) => standalone[id]!));
  }
  return {
    name: "validators: validations per second, precompiled vs runtime ajv",
    ratio: median(a) / median(b),
    target: 1.0,
    better: "higher",
    detail: `${Math.round(median(a)).toLocaleString("en")}/s vs ${Math.round(median(b)).toLocaleString("en")}/s over ${cases.length} documented response examples, 0.5 s warm-up each, then 4 rounds of 1.5 s each in ABBA order`,
  };
}
