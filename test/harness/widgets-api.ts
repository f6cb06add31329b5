import { mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ApiConfig } from "../../contract-tests/harness/types.js";
import { PROJECT_ROOT, runCli } from "../helpers/run-cli.js";
import { VALID_KEY } from "./broken-server.js";

export const WIDGETS_SPEC = "test/harness/fixtures/widgets.yaml";

export const widgetsConfig: ApiConfig = {
  api: "widgets",
  reference: "stripe",
  auth: { envVar: "WIDGETS_API_KEY", testKey: VALID_KEY, invalidKey: "sk_test_invalid", scheme: "bearer" },
  fixtures: [{ name: "widget", operationId: "createWidget", example: "success" }],
};

/** Generate the widgets fixture into a scratch folder inside the project (its validators import ajv). */
export async function generateWidgets(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(PROJECT_ROOT, ".scratch-harness-"));
  const result = await runCli(["generate", "--spec", WIDGETS_SPEC, "--out", dir]);
  if (result.code !== 0) throw new Error(`generate failed (${result.code}): ${result.stderr}`);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** 1-based line of the first line matching `pattern` after the line matching `after`. */
export async function specLine(after: RegExp, pattern: RegExp): Promise<number> {
  const lines = (await readFile(join(PROJECT_ROOT, WIDGETS_SPEC), "utf8")).split("\n");
  const start = lines.findIndex((l) => after.test(l));
  const index = lines.findIndex((l, i) => i > start && pattern.test(l));
  return index + 1;
}
