import { SCHEMA_ID_PREFIX } from "../../runtime/shared/schema-path.js";
import { MODULE_OPTIONS } from "../schema/compile.js";
import type { SchemaRegistry, ValidatorModule } from "../schema/registry.js";
import { walkEntries } from "../schema/walk.js";
import { hashKey } from "./store.js";

/** Every resource's `$id` → its JSON text, each stringified once per run for the keys below. */
export function resourceTexts(registry: SchemaRegistry): Map<string, string> {
  return new Map(registry.resources.map((r) => [String(r.$id), JSON.stringify(r)] as const));
}

/** The key of the meta-schema check of every resource. */
export function resourceCheckKey(texts: ReadonlyMap<string, string>, formats: readonly string[], ownProperties: boolean): string {
  return hashKey("resource-check", formats.join("\n"), String(ownProperties), ...[...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flat());
}

/**
 * The key of one module's standalone source: its options, the formats, its validators (ids and
 * schemas) and the text of every resource they reach through `$ref`, transitively. A resource no
 * validator of the module reaches does not change the module's code.
 */
export function moduleKey(
  registry: SchemaRegistry,
  module: ValidatorModule,
  texts: ReadonlyMap<string, string>,
  formats: readonly string[],
  ownProperties: boolean,
  chunkAbove: number,
): string {
  const specs = registry.validators.filter((v) => v.module === module).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const reached = refClosure(
    specs.map((s) => s.schema),
    registry,
  );
  const parts = ["validators", module, JSON.stringify(MODULE_OPTIONS[module]), formats.join("\n"), String(ownProperties), String(chunkAbove)];
  for (const id of [...reached].sort()) parts.push(id, texts.get(id)!);
  for (const spec of specs) parts.push(spec.id, JSON.stringify(spec.schema));
  return hashKey(...parts);
}

/** The `$id`s of the resources the schemas reach through `$ref`, transitively. */
export function refClosure(schemas: readonly unknown[], registry: SchemaRegistry): Set<string> {
  const byId = resourcesById(registry);
  const reached = new Set<string>();
  walkEntries(schemas, (key, value, more) => {
    if (key !== "$ref" || typeof value !== "string" || !value.startsWith(SCHEMA_ID_PREFIX)) return;
    const id = value.split("#")[0]!;
    const resource = byId.get(id);
    if (resource && !reached.has(id)) {
      reached.add(id);
      more(resource);
    }
  });
  return reached;
}

const byIdCache = new WeakMap<SchemaRegistry, Map<string, Record<string, unknown>>>();
function resourcesById(registry: SchemaRegistry): Map<string, Record<string, unknown>> {
  let map = byIdCache.get(registry);
  if (!map) byIdCache.set(registry, (map = new Map(registry.resources.map((r) => [String(r.$id), r] as const))));
  return map;
}
