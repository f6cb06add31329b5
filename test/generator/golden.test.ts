import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { listFiles } from "../../generator/write/drift.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/**
 * Golden files: every output file of each fixture spec is a file snapshot under golden/<fixture>/,
 * so a change to any emitter shows up as a diff of the file it changes. `npx vitest run -u
 * test/generator/golden.test.ts` rewrites them; a golden the generator no longer makes fails the
 * orphan check (delete it).
 *
 * Two broad fixtures (good/) cover everything together, validators included. The narrow ones
 * (golden fixtures, one feature each, as @hey-api/openapi-ts and openapi-typescript organise theirs)
 * leave out the standalone validator modules (validators/*.ts): ajv's output, ~20 KB a file, which
 * would make every narrow fixture mostly validator code; their behaviour is tested by
 * differential.test.ts and standalone.test.ts, and their typed index (validators.ts) and per-operation
 * loaders (validators/by-operation.ts) stay here.
 * The runtime copied into every output folder (runtime/) is the same for every spec and is the
 * repository's runtime/ itself: no golden copy (test/typecheck.test.ts type-checks it beside every fixture).
 */
const GOLDEN_ROOT = join(PROJECT_ROOT, "test/generator/golden");
const NARROW_DIR = "test/generator/fixtures/golden";
const BROAD = ["petstore-30", "shapes-31"].map((name) => ({ name, spec: `test/generator/fixtures/good/${name}.yaml`, validatorJs: true, runtime: false }));
const NARROW = readdirSync(join(PROJECT_ROOT, NARROW_DIR))
  .filter((f) => f.endsWith(".yaml") && !f.endsWith("-common.yaml"))
  .sort()
  .map((f) => ({ name: f.replace(/\.yaml$/, ""), spec: `${NARROW_DIR}/${f}`, validatorJs: false, runtime: false }));
const FIXTURES = [...BROAD, ...NARROW];

const snapshotted = (path: string, fixture: { validatorJs: boolean; runtime: boolean }): boolean =>
  (fixture.validatorJs || !/^validators\/(?!by-operation\.ts$).*\.ts$/.test(path)) && (fixture.runtime || !path.startsWith("runtime/"));

describe.each(FIXTURES)("golden output of $name", (fixture) => {
  const { name, spec } = fixture;
  it("matches a golden file per output file, and leaves no golden orphaned", async () => {
    const result = await generate({ targets: [{ spec, out: `unused/${name}` }], cwd: PROJECT_ROOT });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const files = [...result.apis[0]!.files].filter(([path]) => snapshotted(path, fixture));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const [path, content] of files) await expect(content, `${name}/${path}`).toMatchFileSnapshot(join(GOLDEN_ROOT, name, path));
    const dir = join(GOLDEN_ROOT, name);
    const made = new Set(files.map(([path]) => path));
    const orphans = existsSync(dir) ? listFiles(dir).filter((path) => !made.has(path)) : [];
    expect(orphans, `golden files of ${name} the generator no longer makes: delete them`).toEqual([]);
  });
});

it("every golden folder belongs to a fixture", () => {
  const folders = readdirSync(GOLDEN_ROOT).sort();
  expect(folders.filter((f) => !FIXTURES.some((fixture) => fixture.name === f))).toEqual([]);
});
