// npm run corpus: every OpenAPI 3.x document of @readme/oas-examples and a set of real-world descriptions
// from public npm packages. Each must generate and its output compile under tsc --strict; openapi-typescript's
// types on the same documents are the baseline. Prints N of M for both, names each failure with its
// diagnostic, and exits 1 if we fail a document openapi-typescript handles. Not part of `npm test`.
// `npm run corpus -- github twilio` runs only the documents whose name contains one of the words.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusDocuments, type CorpusDocument } from "./documents.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const PER_PROCESS_MS = 900_000;
/** documents whose outputs one tsc run checks together */
const TSC_BATCH = 8;

interface Outcome {
  ok: boolean;
  /** first diagnostic line when not ok */
  why?: string;
}

interface Row {
  doc: CorpusDocument;
  ours: Outcome;
  ots: Outcome;
}

function run(args: string[], timeoutMs = PER_PROCESS_MS): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const keep = (chunk: Buffer) => {
      if (out.length < 1_000_000) out += chunk.toString();
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      out += `\ntimed out after ${timeoutMs / 1000} s`;
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 2, out });
    });
  });
}

/** Run `jobs` two at a time (the machine's cores). */
async function pool<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

function firstProblem(out: string): string {
  const lines = out.split("\n").map((l) => l.trim()).filter(Boolean);
  const picked = lines.find((l) => / error SC\d{3} /.test(l)) ?? lines.find((l) => /error|Error/.test(l)) ?? lines[0] ?? "failed";
  return picked.length > 300 ? `${picked.slice(0, 300)}…` : picked;
}

/** Type-check several folders/files in one tsc run (project settings, strict); answers the first error per unit. */
async function typeCheck(scratch: string, label: string, units: { id: number; files: string[] }[]): Promise<Map<number, string>> {
  const config = join(scratch, `tsconfig.${label}.json`);
  const files = units.flatMap((u) => u.files.filter((f) => existsSync(f)).map((f) => relative(scratch, f)));
  writeFileSync(config, JSON.stringify({ extends: relative(scratch, join(ROOT, "tsconfig.json")), include: [], files, compilerOptions: { noEmit: true, skipLibCheck: true } }));
  const result = await run(["--max-old-space-size=3072", TSC, "-p", config, "--pretty", "false"], 600_000);
  const errors = new Map<number, string>();
  if (result.code === 0) return errors;
  for (const line of result.out.split("\n")) {
    const match = /(?:^|\/)(ours|ots)\/(\d+)[/.]/.exec(line);
    if (!match || !line.includes("error TS")) continue;
    const id = Number(match[2]);
    if (!errors.has(id)) errors.set(id, line.replace(/^.*?\/(ours|ots)\//, "$1/").slice(0, 300));
  }
  if (errors.size === 0) for (const u of units) errors.set(u.id, firstProblem(result.out));
  return errors;
}

async function main(): Promise<void> {
  const started = performance.now();
  // `npm run corpus -- <text>…`: only the documents whose name contains one of the texts
  const filters = process.argv.slice(2);
  const docs = corpusDocuments(ROOT).filter((d) => filters.length === 0 || filters.some((f) => d.name.includes(f)));
  const scratch = mkdtempSync(join(ROOT, ".scratch-corpus-"));
  try {
    process.stderr.write(`corpus: ${docs.length} documents; generating…\n`);
    const generated = await pool(
      docs.map((doc, id) => async () => {
        if (!existsSync(join(ROOT, doc.path))) return { ours: { ok: false, why: `missing ${doc.path} (npm install?)` }, ots: { ok: false, why: "missing" } };
        const ours = await run(["bin/spec-contract.js", "generate", "--spec", doc.path, "--out", join(scratch, "ours", String(id)), "--quiet"]);
        const ots = await run(["node_modules/openapi-typescript/bin/cli.js", doc.path, "-o", join(scratch, "ots", `${id}.ts`)]);
        process.stderr.write(`corpus: ${id + 1}/${docs.length} ${doc.name}: ours ${ours.code === 0 ? "ok" : "failed"}, openapi-typescript ${ots.code === 0 ? "ok" : "failed"}\n`);
        return {
          ours: ours.code === 0 ? { ok: true } : { ok: false, why: firstProblem(ours.out) },
          ots: ots.code === 0 ? { ok: true } : { ok: false, why: firstProblem(ots.out) },
        };
      }),
    );
    const rows: Row[] = docs.map((doc, id) => ({ doc, ...generated[id]! }));
    process.stderr.write("corpus: type-checking (tsc --strict)…\n");
    const oursUnits = rows.flatMap((r, id) => (r.ours.ok ? [{ id, files: ["types.ts", "validators.ts", "server.ts", "client.ts"].map((f) => join(scratch, "ours", String(id), f)) }] : []));
    const otsUnits = rows.flatMap((r, id) => (r.ots.ok ? [{ id, files: [join(scratch, "ots", `${id}.ts`)] }] : []));
    for (const [label, units, side] of [["ours", oursUnits, "ours"], ["ots", otsUnits, "ots"]] as const) {
      for (let i = 0; i < units.length; i += TSC_BATCH) {
        const errors = await typeCheck(scratch, `${label}${i}`, units.slice(i, i + TSC_BATCH));
        for (const [id, why] of errors) rows[id]![side] = { ok: false, why: `tsc: ${why}` };
      }
    }
    report(rows, performance.now() - started);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function report(rows: Row[], ms: number): void {
  const mark = (o: Outcome) => (o.ok ? "ok" : "FAIL");
  const width = Math.max(...rows.map((r) => r.doc.name.length));
  console.log(`${"document".padEnd(width)}  ours  openapi-typescript`);
  for (const r of rows) console.log(`${r.doc.name.padEnd(width)}  ${mark(r.ours).padEnd(4)}  ${mark(r.ots)}`);
  const failures = rows.filter((r) => !r.ours.ok || !r.ots.ok);
  if (failures.length) console.log("\nfailures:");
  for (const r of failures) {
    if (!r.ours.ok) console.log(`  ours on ${r.doc.name}: ${r.ours.why}`);
    if (!r.ots.ok) console.log(`  openapi-typescript on ${r.doc.name}: ${r.ots.why}`);
  }
  const ours = rows.filter((r) => r.ours.ok).length;
  const ots = rows.filter((r) => r.ots.ok).length;
  const behind = rows.filter((r) => r.ots.ok && !r.ours.ok);
  console.log(`\nspec-contract: ${ours} of ${rows.length}   openapi-typescript: ${ots} of ${rows.length}   (${(ms / 1000).toFixed(0)} s)`);
  if (behind.length) {
    console.log(`we fail ${behind.length} document(s) openapi-typescript handles: ${behind.map((r) => r.doc.name).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`corpus: ${(error as Error).message}`);
  process.exitCode = 2;
});
