// The vitest entry as a user writes it in their own *.test.ts: one test per case of any spec, against any URL.
import { afterAll, expect, test } from "vitest";
import { contractTests } from "../../contract-tests/vitest.js";
import type { CaseResult } from "../../contract-tests/harness/types.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { startWidgetServer, VALID_KEY } from "./broken-server.js";
import { widgetsConfig, WIDGETS_SPEC } from "./widgets-api.js";

const server = await startWidgetServer("none");
const results: CaseResult[] = [];
afterAll(async () => {
  await server.close();
});

await contractTests({
  spec: WIDGETS_SPEC,
  cwd: PROJECT_ROOT,
  target: server.url,
  apiKey: VALID_KEY,
  config: { fixtures: widgetsConfig.fixtures! },
  onResult: (r) => results.push(r),
});

test("every case above ran and passed against the widgets server", () => {
  expect(results.map((r) => r.case.title)).toContain("getWidget › success");
  expect(results.filter((r) => r.state !== "passed")).toEqual([]);
});
