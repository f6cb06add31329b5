import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { listFiles } from "../../generator/write/drift.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/** One golden file per output file, per fixture spec. `UPDATE_GOLDEN=1 npx vitest run test/generator/golden.test.ts` rewrites them. */
const FIXTURES = ["petstore-30", "shapes-31"];
const GOLDEN_ROOT = join(PROJECT_ROOT, "test/generator/golden");
const update = process.env.UPDATE_GOLDEN === "1";

describe.each(FIXTURES)("golden output of %s", (fixture) => {
  it("matches every golden file and leaves no golden orphaned", async () => {
    const result = await generate({
      targets: [{ spec: `test/generator/fixtures/good/${fixture}.yaml`, out: `unused/${fixture}` }],
      cwd: PROJECT_ROOT,
    });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const files = result.apis[0]!.files;
    const dir = join(GOLDEN_ROOT, fixture);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      for (const [path, content] of files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
    }
    for (const [path, content] of files) {
      const golden = join(dir, path);
      expect(existsSync(golden), `missing golden ${fixture}/${path}`).toBe(true);
      expect(content, `${fixture}/${path} differs from its golden`).toBe(readFileSync(golden, "utf8"));
    }
    const orphans = listFiles(dir).filter((path) => !files.has(path));
    expect(orphans, "golden files the generator no longer makes").toEqual([]);
  });
});
