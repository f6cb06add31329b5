import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import type { OperationValidatorSet } from "../../runtime/shared/index.js";
import { PROJECT_ROOT, scratchDir } from "../helpers/run-cli.js";
import { typeCheck } from "../helpers/type-check.js";

const SPEC = "test/generator/fixtures/good/petstore-30.yaml";

async function generateInto(dir: string, chunkValidatorsAbove?: number): Promise<Map<string, string>> {
  const result = await generate({ targets: [{ spec: SPEC, out: "unused" }], cwd: PROJECT_ROOT, cacheDir: false, ...(chunkValidatorsAbove === undefined ? {} : { chunkValidatorsAbove }) });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const files = result.apis[0]!.files;
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return files;
}

type Loaders = {
  operationValidatorLoaders: Record<string, { request: () => Promise<Partial<OperationValidatorSet>>; responses: () => Promise<Partial<OperationValidatorSet>> }>;
};

/** An operation's request and response validators, loaded as the server and the client do. */
async function loadSet(loaders: Loaders, operationId: string): Promise<OperationValidatorSet> {
  const entry = loaders.operationValidatorLoaders[operationId]!;
  const [request, responses] = await Promise.all([entry.request(), entry.responses()]);
  return { parameters: request.parameters!, body: request.body!, responses: responses.responses! };
}
type Index = { schemaValidators: Record<string, ValidateFunction>; operationValidators: Record<string, OperationValidatorSet> };

/** Every validator of a set, by a stable name (`parameters.query`, `body.application/json`, `responses.200.application/json`). */
function flatten(set: OperationValidatorSet): Map<string, ValidateFunction> {
  const out = new Map<string, ValidateFunction>();
  for (const [location, fn] of Object.entries(set.parameters)) out.set(`parameters.${location}`, fn!);
  for (const [media, fn] of Object.entries(set.body)) out.set(`body.${media}`, fn);
  for (const [status, byMedia] of Object.entries(set.responses)) for (const [media, fn] of Object.entries(byMedia)) out.set(`responses.${status}.${media}`, fn);
  return out;
}

const SAMPLES: unknown[] = [{}, [], null, "x", 3, { id: 1, name: "rex" }, { id: "1", name: 2 }, [{ id: 1, name: "rex", tag: null }], { code: 1, message: "m" }, { limit: "5" }, { petId: "7" }];

describe("validator modules split into chunks (large descriptions)", () => {
  it("load one operation's chunks only, and validate exactly as the single modules do", async () => {
    const single = scratchDir("single");
    const chunked = scratchDir("chunked");
    const one = await generateInto(single);
    const split = await generateInto(chunked, 0);
    expect([...one.keys()].filter((p) => p.startsWith("validators/") && p !== "validators/by-operation.ts").sort()).toEqual([
      "validators/request-json.ts",
      "validators/request.ts",
      "validators/response.ts",
    ]);
    const chunks = [...split.keys()].filter((p) => /^validators\/(request|request-json|response)\/[0-9a-f]{12}\.ts$/.test(p));
    expect(chunks.length).toBeGreaterThan(3);
    expect([...split.keys()].some((p) => /^validators\/(request|request-json|response)\.ts$/.test(p))).toBe(false);

    // each operation's loader imports only some of the chunks: its own
    const loaders = split.get("validators/by-operation.ts")!;
    const imported = (operationId: string) =>
      new Set([...new RegExp(`^  "${operationId}": \\{\\n[^]*?\\n  \\},$`, "m").exec(loaders)![0].matchAll(/import\("\.\/([^"]+)\.js"\)/g)].map((m) => `validators/${m[1]}.ts`));
    const findPets = imported("findPets");
    const addPet = imported("addPet");
    expect(findPets.size).toBeGreaterThan(0);
    expect(findPets.size).toBeLessThan(chunks.length);
    expect([...findPets].some((file) => !addPet.has(file))).toBe(true);

    const load = async (dir: string, path: string) => (await import(pathToFileURL(join(dir, path)).href)) as Loaders & Index;
    const [singleLoaders, splitLoaders, singleIndex, splitIndex] = await Promise.all([
      load(single, "validators/by-operation.ts"),
      load(chunked, "validators/by-operation.ts"),
      load(single, "validators.ts"),
      load(chunked, "validators.ts"),
    ]);
    const operationIds = Object.keys(singleLoaders.operationValidatorLoaders);
    expect(Object.keys(splitLoaders.operationValidatorLoaders)).toEqual(operationIds);
    let compared = 0;
    for (const operationId of operationIds) {
      const a = flatten(await loadSet(singleLoaders, operationId));
      const b = flatten(await loadSet(splitLoaders, operationId));
      const c = flatten(splitIndex.operationValidators[operationId]!);
      expect([...b.keys()], operationId).toEqual([...a.keys()]);
      expect([...c.keys()], operationId).toEqual([...a.keys()]);
      for (const [name, fn] of a) {
        for (const sample of SAMPLES) {
          const expected = [fn(structuredClone(sample)), fn.errors];
          for (const other of [b.get(name)!, c.get(name)!]) {
            expect([other(structuredClone(sample)), other.errors], `${operationId} ${name} ${JSON.stringify(sample)}`).toEqual(expected);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    for (const [name, fn] of Object.entries(singleIndex.schemaValidators)) {
      for (const sample of SAMPLES) expect([splitIndex.schemaValidators[name]!(sample), splitIndex.schemaValidators[name]!.errors]).toEqual([fn(sample), fn.errors]);
    }
  });

  it("come from the unit cache byte for byte", async () => {
    const cacheDir = scratchDir("chunk-cache");
    const run = async (cache: string | false) =>
      (await generate({ targets: [{ spec: SPEC, out: "unused" }], cwd: PROJECT_ROOT, cacheDir: cache, chunkValidatorsAbove: 0 })).apis[0]!.files;
    const fresh = await run(false);
    const first = await run(cacheDir);
    // the chunks were kept as a unit of their own, and the next run reads them
    expect(readdirSync(cacheDir, { recursive: true }).map(String).some((p) => p.includes("validator-chunks"))).toBe(true);
    const cached = await run(cacheDir);
    expect([...fresh.keys()].filter((p) => p.startsWith("validators/response/")).length).toBeGreaterThan(1);
    expect(first).toEqual(fresh);
    expect(cached).toEqual(fresh);
  });

  it("type-check with noUnusedLocals when a chunk holds only functions other chunks call (a $ref outside components)", async () => {
    const OWNER = "#/paths/~1pets/get/responses/200/content/application~1json/schema/properties/owner";
    const dir = scratchDir("chunk-types");
    const spec = join(dir, "api.yaml");
    writeFileSync(
      spec,
      [
        "openapi: 3.1.0",
        "info: { title: Owners, version: '1' }",
        "paths:",
        "  /pets: { get: { operationId: listPets, responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { owner: { type: object, required: [name], properties: { name: { type: string } } } } } } } } } } }",
        `  /vets: { get: { operationId: listVets, responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '${OWNER}' } } } } } } } }`,
        `  /owners: { get: { operationId: listOwners, responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { first: { $ref: '${OWNER}' } } } } } } } } }`,
        "",
      ].join("\n"),
    );
    const result = await generate({ targets: [{ spec, out: "unused" }], cwd: PROJECT_ROOT, cacheDir: false, chunkValidatorsAbove: 0 });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const out = join(dir, "out");
    const roots: string[] = [];
    for (const [path, content] of result.apis[0]!.files) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), content);
      if (path.startsWith("validators")) roots.push(join(out, path));
    }
    // the shared schema is a function of its own, in a chunk no validator is exported from
    const chunks = [...result.apis[0]!.files].filter(([path]) => path.startsWith("validators/response/"));
    expect(chunks.some(([, text]) => !/^export const /m.test(text))).toBe(true);
    // the validator files only: openapi-typescript's types.ts has its own trouble with a $ref into paths
    const checked = await typeCheck(roots);
    expect(roots.map((file) => checked.errorsIn(file)).filter((e) => e !== "")).toEqual([]);
  }, 120_000);
});
