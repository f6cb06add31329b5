// npm run bench: every benchmark side by side in one run; prints a table and writes bench/results.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchGeneration } from "./generation.js";
import { benchReferenceList } from "./reference-list.js";
import { benchMockStartup, benchMockThroughput } from "./mock.js";
import { benchGitHub } from "./github.js";
import { benchReplay } from "./replay.js";
import { benchServer } from "./server.js";
import { benchColdStart, benchThroughput } from "./validators.js";
import { formatTable, type BenchRow } from "./lib/results.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(ROOT, ".scratch-bench-"));
  const rows: BenchRow[] = [];
  // `npm run bench -- mock`: only the steps whose label starts with one of the arguments
  const only = process.argv.slice(2);
  const step = async (label: string, fn: () => Promise<BenchRow[]> | BenchRow[]) => {
    if (only.length > 0 && !only.some((o) => label.startsWith(o))) return;
    const started = performance.now();
    process.stderr.write(`bench: ${label}…\n`);
    rows.push(...(await fn()));
    process.stderr.write(`bench: ${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  };
  try {
    let stripeOut = "";
    await step("generation", async () => {
      const result = await benchGeneration(ROOT, scratch);
      stripeOut = result.stripeOut;
      return result.rows;
    });
    await step("generation: GitHub", () => benchGitHub(ROOT, scratch));
    await step("validators", async () => [await benchColdStart(ROOT, scratch, stripeOut), await benchThroughput(ROOT, scratch)]);
    await step("server", () => benchServer(ROOT));
    await step("contract replay", async () => [await benchReplay(ROOT)]);
    await step("reference list", async () => [await benchReferenceList()]);
    await step("mock start-up", () => benchMockStartup(ROOT, scratch));
    await step("mock throughput", () => benchMockThroughput(ROOT));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(formatTable(rows));
  mkdirSync(join(ROOT, "bench"), { recursive: true });
  writeFileSync(join(ROOT, "bench/results.json"), `${JSON.stringify({ rows }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 2;
});
