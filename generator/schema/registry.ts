import type { Diagnostic } from "../../document/diagnostics.js";
import { getOwn, hasOwn, setOwn } from "../../runtime/shared/own.js";
import { getAtPointer, joinPointer, splitPointer, escapeSegment } from "../../document/pointer.js";
import type { ApiModel, OperationModel, ParameterLocation, ParameterModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import { convertSchema } from "./convert.js";
import { walkEntries } from "./walk.js";
import { isFormMedia } from "./media.js";
import { SCHEMA_ID_PREFIX } from "../../runtime/shared/schema-path.js";
import { hoistRepeatedSubschemas } from "./hoist.js";

/**
 * Every component schema (and every other `$ref` target) is its own ajv resource with this `$id`
 * prefix. ajv compiles a resource once and every validator that refers to it calls the same
 * function; a fragment of one shared schema (`$defs/X`) would be compiled again for each root
 * that reaches it (Stripe's spec: 24 MB of standalone code instead of a few).
 */

/** The `$id` of a component schema (or other ref target) by its key. */
export function schemaId(key: string): string {
  return `${SCHEMA_ID_PREFIX}${encodeURIComponent(key)}`;
}

export type ValidatorModule = "request" | "request-json" | "response";

export interface ValidatorSpec {
  /** export name in the standalone module and id in ajv */
  id: string;
  module: ValidatorModule;
  schema: Record<string, unknown>;
  /** where the schema sits in the spec */
  pointer: string;
  /** what it validates, for the typed index */
  target:
    | { kind: "schema"; name: string }
    | { kind: "parameters"; operationId: string; location: ParameterLocation }
    | { kind: "body"; operationId: string; mediaType: string }
    | { kind: "response"; operationId: string; status: string; mediaType: string };
}

export interface SchemaRegistry {
  /** one resource per component schema and per other ref target, each with its own `$id` */
  resources: Record<string, unknown>[];
  validators: ValidatorSpec[];
  /** resource key (component name or `refN`) → spec pointer, to map ajv's schemaPath back to the document */
  defPointers: Record<string, string>;
  /** key of a request subschema shared by several validators (schema/hoist.ts) → where it was first met, or its validator */
  sharedPointers: Record<string, string>;
  /** convert the schema at a pointer the same way (for one-off checks such as parameter examples) */
  convertAt(pointer: string): Record<string, unknown>;
}

export interface RegistryInput {
  root: Record<string, unknown>;
  /**
   * A validator for every component schema. By default, when the document has operations, only the
   * schemas they use get one (and only those resources are compiled): on GitHub's description, webhook
   * payload schemas that no operation uses were 28 of 38 MB of validator code.
   */
  allSchemas?: boolean;
  /** repeated request subschemas of at least this many characters become shared resources (schema/hoist.ts) */
  hoistMinChars?: number;
  api: ApiModel;
  names: TypeNamePlan;
  report(code: Diagnostic["code"], pointer: string, message: string): void;
}

/** Convert every schema the API uses once, and list one validator per schema target. */
export function buildSchemaRegistry(input: RegistryInput): SchemaRegistry {
  const { root, api } = input;
  const defs: Record<string, unknown> = {};
  const defPointers: Record<string, string> = {};
  const pending: { key: string; pointer: string }[] = [];
  const mapRef = createRefMapper((key, pointer) => pending.push({ key, pointer }));
  const convertRaw = (schema: unknown, pointer: string): unknown =>
    convertSchema(schema, pointer, {
      openapi: api.openapi,
      mapRef,
      onUnknownKeyword: (at, keyword) => input.report("SC011", at, `unknown keyword '${keyword}' is ignored`),
    });
  const convert = (schema: unknown, pointer: string): Record<string, unknown> => schemaObject(convertRaw(schema, pointer));
  const schemas = (root.components as Record<string, unknown> | undefined)?.schemas as Record<string, unknown> | undefined;
  for (const name of api.schemas) {
    const pointer = joinPointer("#/components/schemas", name);
    setOwn(defs, name, convertRaw(getOwn(schemas, name), pointer));
    setOwn(defPointers, name, pointer);
  }
  const operations = api.operations.flatMap((op) => operationValidators(op, root, convert, input.names));
  // Ref targets outside components/schemas, found while converting: converted last, in discovery order.
  for (let i = 0; i < pending.length; i++) {
    const { key, pointer } = pending[i]!;
    setOwn(defs, key, convertRaw(getAtPointer(root, pointer), pointer));
    setOwn(defPointers, key, pointer);
  }
  // A document without operations (only schemas, or only webhooks) is there for its schemas: all get one.
  const used = input.allSchemas || api.operations.length === 0 ? undefined : usedKeys(operations, defs);
  const validators: ValidatorSpec[] = [];
  for (const name of api.schemas) {
    if (used && !used.has(name)) continue;
    validators.push({
      id: input.names.schemas.get(name)!,
      module: "response",
      schema: { $ref: schemaId(name) },
      pointer: joinPointer("#/components/schemas", name),
      target: { kind: "schema", name },
    });
  }
  // Request validators (forms and parameters coerced, JSON bodies) repeat whole subschemas across
  // operations: each repeated one becomes a resource of its own. Responses stay as written, so that
  // an error's schemaPath names the place in the spec that a contract report points to.
  const requests = operations.filter((v) => v.module !== "response");
  const { schemas: rewritten, hoisted } = hoistRepeatedSubschemas(requests, schemaId, input.hoistMinChars, (key) => hasOwn(defs, key));
  requests.forEach((v, i) => (v.schema = rewritten[i]!));
  validators.push(...operations);
  return {
    resources: [
      ...Object.entries(defs)
        .filter(([key]) => !used || used.has(key))
        .map(([key, schema]) => asResource(key, schema)),
      ...hoisted.map((h) => asResource(h.key, h.schema)),
    ],
    validators,
    defPointers,
    // the converted schema's path can name no node of the spec (a parameter's, a 3.0 `nullable`'s): then its validator's
    sharedPointers: Object.fromEntries(hoisted.map((h) => [h.key, getAtPointer(root, h.pointer) === undefined ? h.validatorPointer : h.pointer])),
    convertAt: (pointer) => convert(getAtPointer(root, pointer), pointer),
  };
}

type Convert = (schema: unknown, pointer: string) => Record<string, unknown>;

const COMPONENT_PREFIX = "#/components/schemas/";

/**
 * How converted schemas name a local `$ref` target: a component schema (or a fragment of one) by its
 * name, any other target as its own resource `refN`, numbered as first met; `onTarget` hears each new
 * `refN` with its pointer, to convert it. Generate and the mock both name refs so.
 */
export function createRefMapper(onTarget: (key: string, pointer: string) => void): (ref: string) => string {
  const keys = new Map<string, string>();
  return (ref) => {
    if (!ref.startsWith("#")) return ref;
    const segments = splitPointer(ref);
    if (ref.startsWith(COMPONENT_PREFIX) && segments.length >= 3) {
      const [name = "", ...rest] = segments.slice(2);
      return `${schemaId(name)}#${rest.map((s) => `/${escapeSegment(s)}`).join("")}`;
    }
    let key = keys.get(ref);
    if (!key) {
      key = `ref${keys.size + 1}`;
      keys.set(ref, key);
      onTarget(key, ref);
    }
    return schemaId(key);
  };
}

/** A converted schema as an object: `true` is `{}`, `false` is `{ not: {} }`. */
export function schemaObject(schema: unknown): Record<string, unknown> {
  return typeof schema === "boolean" ? (schema ? {} : { not: {} }) : (schema as Record<string, unknown>);
}

/** One location's parameters as the object schema their validator checks (header names in lower case). */
export function parameterSchema(location: ParameterLocation, params: readonly ParameterModel[], schemaOf: (p: ParameterModel) => unknown): Record<string, unknown> {
  const name = (p: ParameterModel): string => (location === "header" ? p.name.toLowerCase() : p.name);
  const properties: Record<string, unknown> = {};
  for (const p of params) setOwn(properties, name(p), schemaOf(p));
  const required = params.filter((p) => p.required).map(name);
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}

/** The resource keys the operations' schemas reach through `$ref`, transitively. */
function usedKeys(operations: readonly ValidatorSpec[], defs: Record<string, unknown>): Set<string> {
  const used = new Set<string>();
  walkEntries(
    operations.map((v) => v.schema),
    (key, value, more) => {
      if (key !== "$ref" || typeof value !== "string" || !value.startsWith(SCHEMA_ID_PREFIX)) return;
      const target = decodeURIComponent(value.slice(SCHEMA_ID_PREFIX.length).split("#")[0]!);
      if (!used.has(target) && hasOwn(defs, target)) {
        used.add(target);
        more(getOwn(defs, target));
      }
    },
  );
  return used;
}

function operationValidators(op: OperationModel, root: unknown, convert: Convert, plan: TypeNamePlan): ValidatorSpec[] {
  const out: ValidatorSpec[] = [];
  const names = plan.operations.get(op.operationId)!;
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const params = op.parameters.filter((p) => p.in === location);
    if (params.length === 0) continue;
    out.push({
      id: names.parameters[location]!,
      module: "request",
      schema: parameterSchema(location, params, (p) => convert(getAtPointer(root, p.schemaPointer) ?? {}, p.schemaPointer)),
      pointer: joinPointer(op.pointer, "parameters"),
      target: { kind: "parameters", operationId: op.operationId, location },
    });
  }
  for (const media of op.requestBody?.contents ?? []) {
    if (!media.schemaPointer) continue;
    out.push({
      id: names.body.get(media.mediaType)!,
      module: isFormMedia(media.mediaType) ? "request" : "request-json",
      schema: convert(getAtPointer(root, media.schemaPointer), media.schemaPointer),
      pointer: media.schemaPointer,
      target: { kind: "body", operationId: op.operationId, mediaType: media.mediaType },
    });
  }
  for (const response of op.responses) {
    for (const media of response.contents) {
      if (!media.schemaPointer) continue;
      out.push({
        id: names.responses.get(response.status)!.get(media.mediaType)!,
        module: "response",
        schema: convert(getAtPointer(root, media.schemaPointer), media.schemaPointer),
        pointer: media.schemaPointer,
        target: { kind: "response", operationId: op.operationId, status: response.status, mediaType: media.mediaType },
      });
    }
  }
  return out;
}


/** A converted schema as an ajv resource: its own `$id` (boolean schemas wrapped). */
function asResource(key: string, schema: unknown): Record<string, unknown> {
  return { $id: schemaId(key), ...schemaObject(schema) };
}
