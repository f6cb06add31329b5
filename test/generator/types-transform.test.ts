import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../document/limits.js";
import { loadSourceFile } from "../../document/load.js";
import { typesOf, typesText } from "../../generator/emit/types.js";
import { typesBySchema } from "../../generator/emit/types-by-schema.js";
import type { UnitCache } from "../../generator/cache/store.js";
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

/** An in-memory unit cache, counting the schema and path item types it answered. */
function memoryCache(): UnitCache & { hits: number } {
  const map = new Map<string, string>();
  const cache = {
    hits: 0,
    get: (kind: string, key: string) => {
      const text = map.get(`${kind}:${key}`);
      if (text !== undefined && (kind === "schema-types" || kind === "path-types")) cache.hits++;
      return text;
    },
    set: (kind: string, key: string, text: string) => void map.set(`${kind}:${key}`, text),
    flush: () => {},
  };
  return cache;
}

describe("types with each component schema a cache unit", () => {
  it.each(SPECS)("%s prints as typesOf() prints it, cold and warm", async (spec) => {
    const root = normalised(spec);
    const expected = await typesOf(structuredClone(root));
    const cache = memoryCache();
    const input = structuredClone(root);
    const cold = typesBySchema(input, cache);
    if (cold === undefined) {
      // left to typesOf() whole (no schemas, or discriminators), on the same document, untouched
      expect(Object.keys((root.components?.schemas ?? {}) as object).length === 0 || JSON.stringify(root).includes('"discriminator"')).toBe(true);
      return expect(await typesOf(input)).toBe(expected);
    }
    expect(cold).toBe(expected);
    expect(typesBySchema(structuredClone(root), cache)).toBe(expected);
  });

  type Petstore = { components: { schemas: Record<string, { properties?: Record<string, unknown> }> }; paths: Record<string, { get?: { description?: string } }> };
  it.each([
    {
      unit: "schema",
      change: (root: Petstore) => void (root.components.schemas.NewPet!.properties!.nickname = { type: "string", description: "new" }),
      shows: "nickname",
      fromCache: "Pet (allOf a $ref to NewPet: its type names NewPet, its transform resolves nothing), Error and both paths",
    },
    {
      unit: "path item",
      change: (root: Petstore) => void (root.paths["/pets"]!.get!.description = "Changed: every pet"),
      shows: "Changed: every pet",
      fromCache: "the three schemas and /pets/{id}",
    },
  ])("transforms again only the $unit that changed", async ({ change, shows, fromCache }) => {
    const root = normalised("test/generator/fixtures/good/petstore-30.yaml") as unknown as Petstore;
    const cache = memoryCache();
    typesBySchema(structuredClone(root) as unknown as OpenAPI3, cache);
    change(root);
    cache.hits = 0;
    const changed = typesBySchema(structuredClone(root) as unknown as OpenAPI3, cache);
    expect(changed).toBe(await typesOf(structuredClone(root) as unknown as OpenAPI3));
    expect(changed).toContain(shows);
    expect(cache.hits, fromCache).toBe(4);
  });

  it("a schema that needs openapi-typescript's WithRequired helper prints it, cold and warm (box.com's and sendgrid's descriptions)", async () => {
    const doc = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/things": {
          get: { operationId: "listThings", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Listed" } } } } } },
        },
      },
      components: {
        schemas: {
          Thing: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
          // allOf of a $ref plus `required` of its properties: openapi-typescript prints WithRequired<…> and its helper in the footer
          Listed: { type: "array", items: { allOf: [{ $ref: "#/components/schemas/Thing" }], required: ["id"] } },
        },
      },
    } as unknown as OpenAPI3;
    const expected = await typesOf(structuredClone(doc));
    expect(expected).toContain("type WithRequired<");
    const cache = memoryCache();
    expect(await typesText(JSON.stringify(doc), cache)).toBe(expected);
    expect(await typesText(JSON.stringify(doc), cache)).toBe(expected);
  });
});
