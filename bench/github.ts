import { join } from "node:path";
import { median, runNode, sideBySide, type ProcessRun } from "./lib/measure.js";
import type { BenchRow } from "./lib/results.js";
import { ensureBuilt } from "./lib/cli.js";

/** GitHub's REST description (npm `@octokit/openapi`, a devDependency): 3.0, about 1,100 operations, 11 MB of JSON. */
export const GITHUB_SPEC = "node_modules/@octokit/openapi/generated/api.github.com.json";
const GIB = 1024 ** 3;

function check(run: ProcessRun, what: string): ProcessRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}): ${run.stderr.slice(-500)}`);
  return run;
}

/**
 * GitHub's description generates with no flags (its odd examples and formats are warnings): our whole
 * pipeline against openapi-typescript's CLI on the same file, and our peak RSS against 1 GiB.
 */
export async function benchGitHub(root: string, scratch: string): Promise<BenchRow[]> {
  const cli = ensureBuilt(root);
  const ours = () =>
    runNode([cli, "generate", "--spec", GITHUB_SPEC, "--out", join(scratch, "github"), "--quiet"], { cwd: root, timeoutMs: 300_000 }).then((r) =>
      check(r, "generate (GitHub)"),
    );
  const ots = () =>
    runNode(["node_modules/openapi-typescript/bin/cli.js", GITHUB_SPEC, "-o", join(scratch, "github-ots.ts")], { cwd: root, timeoutMs: 300_000 }).then((r) =>
      check(r, "openapi-typescript (GitHub)"),
    );
  const runs = await sideBySide(2, ours, ots);
  const oursMs = median(runs.a.map((r) => r.ms));
  const otsMs = median(runs.b.map((r) => r.ms));
  const peak = Math.max(...runs.a.map((r) => r.maxRssBytes));
  return [
    {
      name: "generate: GitHub REST description vs openapi-typescript CLI",
      ratio: oursMs / otsMs,
      target: 2.0,
      better: "lower",
      detail: `ours ${(oursMs / 1000).toFixed(2)} s (compiled CLI: types, validators, server, client, examples) vs openapi-typescript ${(otsMs / 1000).toFixed(2)} s; median of 2 alternating runs`,
    },
    {
      name: "generate: peak RSS on the GitHub REST description (fraction of 1 GiB)",
      ratio: peak / GIB,
      target: 1.0,
      better: "lower",
      detail: `${(peak / 1024 ** 2).toFixed(0)} MiB peak RSS`,
    },
  ];
}
