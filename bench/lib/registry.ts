import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseSource } from "../../generator/load/document.js";
import { normalizeRefs } from "../../generator/load/refs.js";
import { buildApi } from "../../generator/model/build-api.js";
import { planTypeNames } from "../../generator/model/type-names.js";
import { buildSchemaRegistry, type SchemaRegistry } from "../../generator/schema/registry.js";

/** The converted schemas the generator compiles for a spec, for comparing against runtime ajv. */
export function registryFor(specPath: string): SchemaRegistry {
  const absolute = resolve(specPath);
  const doc = parseSource(specPath, readFileSync(absolute, "utf8")).doc!;
  const root = normalizeRefs(doc, () => undefined, absolute).root as Record<string, unknown>;
  const api = buildApi(root, { warn: () => {}, error: () => {} });
  return buildSchemaRegistry({ root, api, names: planTypeNames(api), formats: () => {}, report: () => {} });
}
