import { getAtPointer, joinPointer } from "../document/pointer.js";
import { convertSchema } from "../generator/schema/convert.js";
import { walkEntries } from "../generator/schema/walk.js";
import { createRefMapper, schemaObject } from "../generator/schema/registry.js";
import { SCHEMA_ID_PREFIX } from "../runtime/shared/schema-path.js";
import { getOwn, setOwn } from "../runtime/shared/own.js";

type Schema = Record<string, unknown>;

/**
 * The document's schemas converted to JSON Schema 2020-12 the way `generate` converts them
 * (buildSchemaRegistry: each component schema and each other `$ref` target one resource with its own
 * `$id`), but only when first needed: a mock of a big document converts what its requests reach.
 */
export class LazySchemas {
  /** resource key (component name or `refN`) → spec pointer, filled as resources are converted */
  readonly defPointers: Record<string, string> = Object.create(null);
  private readonly resources = new Map<string, Schema>();
  private readonly converted = new Map<string, Schema>();
  private readonly refsOf = new Map<string, string[]>();
  private readonly extraPointers = new Map<string, string>();
  /** as buildSchemaRegistry maps refs: a component (and a fragment of it) by name, any other target as `refN` */
  private readonly mapRef = createRefMapper((key, pointer) => this.extraPointers.set(key, pointer));

  constructor(
    private readonly root: Record<string, unknown>,
    private readonly openapi: "3.0" | "3.1",
  ) {}

  /** The schema at a pointer of the document, converted (once; callers never mutate it). */
  convertAt(pointer: string): Schema {
    let out = this.converted.get(pointer);
    if (!out) {
      out = schemaObject(this.convertRaw(getAtPointer(this.root, pointer) ?? {}, pointer));
      this.converted.set(pointer, out);
    }
    return out;
  }

  /** The resource a converted `$ref` names, with an optional `#/…` fragment. */
  resolveRef = (ref: string): unknown => {
    const [id = "", fragment = ""] = ref.split("#");
    const resource = this.resource(id);
    return fragment === "" ? resource : getAtPointer(resource, `#${fragment}`);
  };

  /** A resource by its `$id`, converted on first use; undefined for an id that names nothing. */
  resource(id: string): Schema | undefined {
    let resource = this.resources.get(id);
    if (resource || !id.startsWith(SCHEMA_ID_PREFIX)) return resource;
    const key = decodeURIComponent(id.slice(SCHEMA_ID_PREFIX.length));
    const pointer = this.extraPointers.get(key) ?? joinPointer("#/components/schemas", key);
    const schema = this.extraPointers.has(key) ? getAtPointer(this.root, pointer) : getOwn(getOwn(this.root.components as Schema | undefined, "schemas") as Schema | undefined, key);
    if (schema === undefined) return undefined;
    const body = schemaObject(this.convertRaw(schema, pointer));
    resource = { $id: id, ...body };
    this.resources.set(id, resource);
    setOwn(this.defPointers, key, pointer);
    return resource;
  }

  /** Every resource a converted schema reaches through `$ref`, itself included when it is one. */
  closure(schema: Schema): Schema[] {
    const out: Schema[] = [];
    const seen = new Set<string>();
    const stack = refIds(schema);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const resource = this.resource(id);
      if (!resource) continue;
      out.push(resource);
      let refs = this.refsOf.get(id);
      if (!refs) {
        refs = refIds(resource);
        this.refsOf.set(id, refs);
      }
      stack.push(...refs);
    }
    return out;
  }

  private convertRaw(schema: unknown, pointer: string): unknown {
    return convertSchema(schema, pointer, { openapi: this.openapi, mapRef: this.mapRef, onUnknownKeyword: () => {} });
  }
}

/** The resource ids (`spec-contract:schemas/<key>`) a schema's `$ref`s name, without fragments. */
function refIds(schema: unknown): string[] {
  const out: string[] = [];
  walkEntries([schema], (key, value) => {
    if (key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_ID_PREFIX)) out.push(value.split("#")[0]!);
  });
  return out;
}
