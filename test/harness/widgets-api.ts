import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ApiConfig } from "../../config/types.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { VALID_KEY } from "./broken-server.js";

export const WIDGETS_SPEC = "test/harness/fixtures/widgets.yaml";

export const widgetsConfig: ApiConfig = {
  name: "widgets",
  spec: WIDGETS_SPEC,
  auth: { env: "WIDGETS_API_KEY", testKey: VALID_KEY, invalidKey: "sk_test_invalid" },
  fixtures: [{ name: "widget", operationId: "createWidget", example: "success" }],
};

/** 1-based line of the first line matching `pattern` after the line matching `after`. */
export async function specLine(after: RegExp, pattern: RegExp): Promise<number> {
  const lines = (await readFile(join(PROJECT_ROOT, WIDGETS_SPEC), "utf8")).split("\n");
  const start = lines.findIndex((l) => after.test(l));
  const index = lines.findIndex((l, i) => i > start && pattern.test(l));
  return index + 1;
}
