import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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

interface ValidatorFiles {
  /** the files a loader imports, under validators/ (`response/0c21cf5cb565.ts`…) */
  files: string[];
  /** the validator ids it answers */
  ids: string[];
}
interface OperationFiles extends ValidatorFiles {
  operationId: string;
  /** its request part alone: what a server loads on the operation's first request */
  request: ValidatorFiles;
}

/** Each operation's files and validator ids, read off the generated validators/by-operation.ts. */
function operationFiles(loaders: string): OperationFiles[] {
  const part = (line: string): ValidatorFiles => ({
    files: [...line.matchAll(/import\("\.\/([^"]+)\.js"\)/g)].map((f) => `${f[1]}.ts`),
    ids: [...line.matchAll(/m\[\d+\]!\["([^"]+)"\]!/g)].map((f) => f[1]!),
  });
  const out: OperationFiles[] = [];
  for (const m of loaders.matchAll(/^ {2}"([^"]+)": \{\n {4}request: (.*)\n {4}responses: (.*)\n {2}\},$/gm)) {
    const request = part(m[2]!);
    const responses = part(m[3]!);
    out.push({ operationId: m[1]!, request, files: [...new Set([...request.files, ...responses.files])], ids: [...request.ids, ...responses.ids] });
  }
  // the generated loaders' layout is what this reads: say so at once when it no longer matches
  if (out.length === 0 || out.some((o) => o.files.length > 0 && o.ids.length === 0)) throw new Error("bench: validators/by-operation.ts no longer has the layout bench/validators.ts reads");
  return out;
}

/** The reference's operation, then every eighth of the rest: a spread of small and large ones. */
const COLD_OPERATIONS = 8;
const REFERENCE_OPERATION = "GetPromotionCodesPromotionCode";

/**
 * Row 2a: in fresh processes, one operation's precompiled validators (the files its loader in
 * validators/by-operation.js imports) loaded and one validation, against ajv compiling the same
 * operation's schemas at run time and validating once. Stripe's full description, whose modules are
 * split into chunks; the ratio is the median over the operations measured.
 */
export async function benchColdStart(root: string, scratch: string, stripeOut: string): Promise<BenchRow> {
  const { registry } = await validatorsForSpec(stripeSpecPath(), { cwd: root, allowFormats: FORMATS });
  const out = stripeOut !== "" ? stripeOut : await generateStripe(root, join(scratch, "cold-stripe"));
  // The modules are plain JavaScript in `.ts` files (`// @ts-nocheck`): plain node loads copies named .js
  // (the scratch folder is inside this ESM package).
  const plain = join(scratch, "cold-validators");
  copyAsJs(join(out, "validators"), plain);
  const all = operationFiles(readFileSync(join(out, "validators/by-operation.ts"), "utf8")).filter((o) => o.files.length > 0);
  const rest = all.filter((o) => o.operationId !== REFERENCE_OPERATION);
  const step = Math.max(1, Math.floor(rest.length / COLD_OPERATIONS));
  const picked = [...all.filter((o) => o.operationId === REFERENCE_OPERATION), ...rest.filter((_, i) => i % step === 0).slice(0, COLD_OPERATIONS)];
  const specs = new Map(registry.validators.map((v) => [v.id, v] as const));
  const measure = (name: string, part: ValidatorFiles): { precompiled: number; runtime: number } => {
    const validators = part.ids.map((id) => specs.get(id)!).map((v) => ({ id: v.id, module: v.module, schema: v.schema }));
    const sampleId = part.ids.find((id) => /Response200$/.test(id)) ?? part.ids.find((id) => /Response/.test(id)) ?? part.ids[0]!;
    const sample = { id: sampleId, data: { id: "promo_1", object: "promotion_code" } };
    // each side reads only its own input inside the time it reports (the schemas are the runtime side's)
    const files = join(scratch, `cold-${name}-files.json`);
    writeFileSync(files, JSON.stringify({ files: part.files.map((f) => join(plain, f.replace(/\.ts$/, ".js"))), sample }));
    const schemas = join(scratch, `cold-${name}-schemas.json`);
    writeFileSync(schemas, JSON.stringify({ resources: registry.resources, validators, formats: FORMATS, sample }));
    const precompiled: number[] = [];
    const runtime: number[] = [];
    for (let i = 0; i < 2; i++) {
      precompiled.push(child(["bench/cold-standalone.mjs", files], root).ms);
      runtime.push(child(["--import", "tsx", "bench/cold-runtime.ts", schemas], root).ms);
    }
    return { precompiled: median(precompiled), runtime: median(runtime) };
  };
  const results = picked.map((op) => ({ operationId: op.operationId, ...measure(op.operationId, op) }));
  const referenceOp = picked.find((op) => op.operationId === REFERENCE_OPERATION);
  const request = referenceOp && referenceOp.request.ids.length > 0 ? measure(`${REFERENCE_OPERATION}-request`, referenceOp.request) : undefined;
  const ratios = results.map((r) => r.runtime / r.precompiled).sort((a, b) => a - b);
  const reference = results.find((r) => r.operationId === REFERENCE_OPERATION);
  const shown = (r: { operationId: string; precompiled: number; runtime: number }) =>
    `${r.operationId} ${r.precompiled.toFixed(0)} vs ${r.runtime.toFixed(0)} ms (${(r.runtime / r.precompiled).toFixed(1)}×)`;
  const requestNote = request ? `; its request validators alone (what a server loads on the operation's first request): ${shown({ operationId: REFERENCE_OPERATION, ...request })}` : "";
  return {
    name: "validators: cold start of one operation, precompiled vs ajv at run time (speed-up)",
    ratio: median(ratios),
    target: 30,
    better: "higher",
    detail: `median over ${results.length} operations of Stripe's full spec (load its validator files + validate once vs compiling its validators at run time + validate once; 2 alternating runs each): ${ratios[0]!.toFixed(1)}× to ${ratios[ratios.length - 1]!.toFixed(1)}×; ${results.map(shown).join("; ")}${reference ? requestNote : `; ${REFERENCE_OPERATION} not found`}`,
  };
}

/** Every `.ts` file under `from` copied to `to` as `.js` (validator modules are JavaScript already). */
function copyAsJs(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) copyAsJs(source, join(to, entry.name));
    else if (entry.name.endsWith(".ts")) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, join(to, entry.name.replace(/\.ts$/, ".js")));
    }
  }
}

/** The full Stripe spec generated in-process into `dir` (`npm run bench -- validators` alone, without the generation step's output). */
async function generateStripe(root: string, dir: string): Promise<string> {
  const result = await generate({ targets: [{ spec: stripeSpecPath(), out: "unused" }], cwd: root, allowFormats: FORMATS, cacheDir: false });
  const files = result.apis[0]?.files;
  if (!files) throw new Error(`the full Stripe spec did not generate: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  for (const [path, text] of files) {
    if (!path.startsWith("validators")) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const PAIRS = 16;
const PAIR_SECONDS = 0.25;

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
  const pairs: number[] = [];
  // Many short pairs, ABBA order (neither side always first): the ratio of each pair, taken side by side
  // within half a second, does not drift with the shared machine's speed as separate long rounds did.
  for (let i = 0; i < PAIRS; i++) {
    const first = i % 2 === 0;
    let x = first ? loop((id) => standalone[id]!, PAIR_SECONDS) : 0;
    const y = loop((id) => ajv.getSchema(id)!, PAIR_SECONDS);
    if (!first) x = loop((id) => standalone[id]!, PAIR_SECONDS);
    a.push(x);
    b.push(y);
    pairs.push(x / y);
  }
  return {
    name: "validators: validations per second, precompiled vs runtime ajv",
    ratio: median(pairs),
    target: 1.0,
    better: "higher",
    detail: `${Math.round(median(a)).toLocaleString("en")}/s vs ${Math.round(median(b)).toLocaleString("en")}/s (medians) over ${cases.length} documented response examples; 0.5 s warm-up each, then the median ratio of ${PAIRS} pairs of ${PAIR_SECONDS} s runs in ABBA order`,
  };
}
