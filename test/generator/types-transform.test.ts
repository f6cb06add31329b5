import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../document/limits.js";
import { loadSourceFile } from "../../document/load.js";
import { typesOf } from "../../generator/emit/types.js";
import { createContext } from "../../generator/stages/context.js";
import { loadStage } from "../../generator/stages/load.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

const DIRS = ["test/generator/fixtures/golden", "test/generator/fixtures/good"];
// the documents (files named *-common hold only what the others `$ref`)
const SPECS = DIRS.flatMap((dir) => readdirSync(join(PROJECT_ROOT, dir)).filter((f) => /\.ya?ml$/.test(f) && !f.includes("-common")).map((f) => join(dir, f)));

/** The document as the load stage hands it on: every `$ref` local. */
function normalised(spec: string): OpenAPI3 {
  const absolute = resolve(PROJECT_ROOT, spec);
  const parsed = loadSourceFile(absolute, spec, DEFAULT_LIMITS);
  const ctx = createContext({ file: spec, absolute, cwd: PROJECT_ROOT, doc: parsed.doc!, allowFormats: [], limits: DEFAULT_LIMITS, strict: false });
  return loadStage(ctx) as unknown as OpenAPI3;
}

/**
 * types.ts skips openapiTS()'s Redocly parse, lint and bundle (the load and check stages did that
 * work) and calls its transform with openapiTS's own context: the types must print the same.
 */
describe("types from openapi-typescript's transform", () => {
  it.each(SPECS)("%s prints as openapiTS() prints it", async (spec) => {
    const root = normalised(spec);
    const expected = astToString(await openapiTS(structuredClone(root), { silent: true, alphabetize: false, additionalProperties: false }));
    expect(await typesOf(structuredClone(root))).toBe(expected);
  });
});
