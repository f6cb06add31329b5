import type { LoadedApi } from "./load-api.js";
import { schemaAt } from "./spec-pointer.js";
import type { ContractCase, ExampleJson, OperationJson, ParamLocation } from "./types.js";

/** A documented client-error response: an exact 4xx code or the `4XX` range. */
const isClientError = (status: string): boolean => /^4(\d\d|XX)$/.test(status);
const UNKNOWN_FIELD = "x_contract_unknown";

type Schema = Record<string, unknown>;
interface Slot {
  location: "body" | ParamLocation;
  name: string;
  schema: Schema;
  present: boolean;
  required: boolean;
}

/**
 * Negative cases from the schemas, built on each operation's first 2xx example: a missing required
 * parameter, a wrong type, an out-of-range value and an unknown body field (where
 * additionalProperties is false). Each expects any documented 4xx (an exact code, or a live 4xx that
 * falls under `4XX`) whose body matches that response's schema.
 */
export function buildNegativeCases(api: LoadedApi, examples: ContractCase[]): ContractCase[] {
  const out: ContractCase[] = [];
  for (const operation of api.model.operations) {
    const statuses = operation.responses.map((r) => r.status).filter(isClientError);
    const base = examples.find((c) => c.operationId === operation.operationId && c.example.response.status.startsWith("2"))?.example;
    if (!base || statuses.length === 0) continue;
    const slots = collectSlots(api, operation, base);
    const variants = [missingRequired(slots), wrongType(slots), outOfRange(slots), unknownField(api, operation)];
    for (const variant of variants) {
      if (!variant) continue;
      const example = variant.mutate(structuredClone(base));
      out.push({
        id: `negative:${operation.operationId}:${variant.label}`,
        title: `${operation.operationId} › negative: ${variant.label}`,
        kind: "negative",
        operationId: operation.operationId,
        example: { ...example, name: `negative: ${variant.label}` },
        expectStatuses: statuses,
      });
    }
  }
  return out;
}

interface Variant {
  label: string;
  mutate(example: ExampleJson): ExampleJson;
}

function collectSlots(api: LoadedApi, operation: OperationJson, base: ExampleJson): Slot[] {
  const root = api.spec.root;
  const slots: Slot[] = operation.parameters
    .filter((p) => p.in === "query" || p.in === "path")
    .map((p) => ({ location: p.in, name: p.name, schema: schemaAt(root, p.schemaPointer) ?? {}, present: p.name in base.request.params[p.in], required: p.required }));
  const content = operation.requestBody?.contents.find((c) => c.mediaType === base.request.mediaType) ?? operation.requestBody?.contents[0];
  const bodySchema = content ? schemaAt(root, content.schemaPointer) : undefined;
  const properties = (bodySchema?.properties ?? {}) as Record<string, Schema>;
  const required = Array.isArray(bodySchema?.required) ? (bodySchema.required as string[]) : [];
  const body = (base.request.body ?? {}) as Record<string, unknown>;
  for (const [name, schema] of Object.entries(properties)) {
    const resolved = schema.$ref ? (schemaAt(root, schema.$ref as string) ?? {}) : schema;
    slots.push({ location: "body", name, schema: resolved, present: name in body, required: required.includes(name) });
  }
  return slots;
}

function missingRequired(slots: Slot[]): Variant | undefined {
  const slot = slots.find((s) => s.required && s.present && s.location !== "path");
  if (!slot) return undefined;
  return { label: `missing required ${slot.location} '${slot.name}'`, mutate: (e) => edit(e, slot, undefined) };
}

function wrongType(slots: Slot[]): Variant | undefined {
  const typed = slots.filter((s) => s.location !== "path" && ["integer", "number", "boolean"].includes(primaryType(s.schema) ?? ""));
  const slot = typed.find((s) => s.present) ?? typed[0];
  if (!slot) return undefined;
  const type = primaryType(slot.schema)!;
  return { label: `wrong type for ${slot.location} '${slot.name}' (${type})`, mutate: (e) => edit(e, slot, `not-a-${type}`) };
}

function outOfRange(slots: Slot[]): Variant | undefined {
  const candidates = slots.filter((s) => s.location !== "path" && rangeValue(s.schema) !== undefined);
  const slot = candidates.find((s) => s.present) ?? candidates[0];
  if (!slot) return undefined;
  const { value, rule } = rangeValue(slot.schema)!;
  return { label: `out-of-range ${slot.location} '${slot.name}' (${rule})`, mutate: (e) => edit(e, slot, value) };
}

function unknownField(api: LoadedApi, operation: OperationJson): Variant | undefined {
  const content = operation.requestBody?.contents[0];
  const schema = content ? schemaAt(api.spec.root, content.schemaPointer) : undefined;
  if (!schema || schema.additionalProperties !== false) return undefined;
  const slot: Slot = { location: "body", name: UNKNOWN_FIELD, schema: {}, present: false, required: false };
  return {
    label: `unknown body field '${UNKNOWN_FIELD}'`,
    mutate: (e) => {
      if (e.request.mediaType === undefined) e.request.mediaType = content!.mediaType;
      return edit(e, slot, "1");
    },
  };
}

function edit(example: ExampleJson, slot: Slot, value: unknown): ExampleJson {
  if (slot.location === "body") {
    const body = (example.request.body ?? {}) as Record<string, unknown>;
    if (value === undefined) delete body[slot.name];
    else body[slot.name] = value;
    example.request.body = body;
  } else if (value === undefined) {
    delete example.request.params[slot.location][slot.name];
  } else {
    example.request.params[slot.location][slot.name] = value;
  }
  return example;
}

function primaryType(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return (type as string[]).find((t) => t !== "null");
  return undefined;
}

function rangeValue(schema: Schema): { value: unknown; rule: string } | undefined {
  if (typeof schema.maximum === "number") return { value: schema.maximum + 1, rule: `maximum ${schema.maximum}` };
  if (typeof schema.exclusiveMaximum === "number") return { value: schema.exclusiveMaximum, rule: `exclusiveMaximum ${schema.exclusiveMaximum}` };
  if (typeof schema.minimum === "number") return { value: schema.minimum - 1, rule: `minimum ${schema.minimum}` };
  if (typeof schema.maxLength === "number") return { value: "x".repeat(schema.maxLength + 1), rule: `maxLength ${schema.maxLength}` };
  return undefined;
}
