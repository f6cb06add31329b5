import { getAtPointer, joinPointer } from "../../document/pointer.js";
import { setOwn } from "../../runtime/shared/own.js";
import { asRecord, deref, isRecord } from "./deref.js";
import type { OperationModel, ParameterLocation } from "./types.js";
import type { ExampleAuth } from "../../runtime/shared/contract.js";

/** Where one example value sits, so checks can report it and validate it against its schema. */
export interface ExampleValue {
  value: unknown;
  pointer: string;
  schemaPointer?: string;
  /** a request part (parameter or body) or a response body */
  side: "request" | "response";
  /** `x-schema-invalid: true`: a negative request example that must NOT match its schema */
  expectInvalid?: boolean;
}

export interface ExampleModel {
  operationId: string;
  name: string;
  method: string;
  path: string;
  request: {
    params: Record<ParameterLocation, Record<string, unknown>>;
    mediaType?: string;
    body?: unknown;
  };
  /** `valid` (default), `none` or `invalid`: the credentials the harness sends (`x-auth`) */
  auth: ExampleAuth;
  response?: { status: string; mediaType: string; body: unknown; pointer: string };
  /** every documented value of this example with its pointer, for checks */
  values: ExampleValue[];
  pointer: string;
}

type NamedValues = Map<string, Omit<ExampleValue, "side"> & { extra: Record<string, unknown> }>;

/** Collect the named examples of one media type, parameter or response (`examples` map, or `example` as `default`). */
function namedExamples(root: unknown, holder: Record<string, unknown>, pointer: string, schemaPointer?: string): NamedValues {
  const out: NamedValues = new Map();
  const examples = asRecord(holder.examples);
  for (const name of Object.keys(examples).sort()) {
    const resolved = deref(root, examples[name]);
    const ex = asRecord(resolved.value);
    if (!("value" in ex)) continue;
    const at = joinPointer(resolved.pointer ?? joinPointer(pointer, "examples", name), "value");
    out.set(name, { value: ex.value, pointer: at, schemaPointer, extra: ex, ...(ex["x-schema-invalid"] === true ? { expectInvalid: true } : {}) });
  }
  if ("example" in holder && !out.has("default")) {
    out.set("default", { value: holder.example, pointer: joinPointer(pointer, "example"), schemaPointer, extra: {} });
  }
  return out;
}

/** Pair request and response examples by name, per operation. */
export function buildExamples(root: Record<string, unknown>, op: OperationModel): { examples: ExampleModel[]; unpaired: ExampleValue[] } {
  const byName = new Map<string, ExampleModel>();
  const requestSide = new Map<string, ExampleValue>();
  const get = (name: string): ExampleModel => {
    let ex = byName.get(name);
    if (!ex) {
      ex = {
        operationId: op.operationId,
        name,
        method: op.method.toUpperCase(),
        path: op.path,
        request: { params: { path: {}, query: {}, header: {}, cookie: {} } },
        auth: "valid",
        values: [],
        pointer: op.pointer,
      };
      byName.set(name, ex);
    }
    return ex;
  };
  for (const param of op.parameters) {
    const raw = asRecord(getAtPointer(root, param.pointer));
    for (const [name, v] of namedExamples(root, raw, param.pointer, param.schemaPointer)) {
      const ex = get(name);
      setOwn(ex.request.params[param.in], param.name, v.value);
      ex.values.push({ ...v, side: "request" });
      requestSide.set(name, { ...v, side: "request" });
    }
  }
  for (const media of op.requestBody?.contents ?? []) {
    const raw = asRecord(getAtPointer(root, media.pointer));
    for (const [name, v] of namedExamples(root, raw, media.pointer, media.schemaPointer)) {
      const ex = get(name);
      if (ex.request.mediaType !== undefined) continue; // first media type wins
      ex.request.mediaType = media.mediaType;
      ex.request.body = v.value;
      ex.values.push({ ...v, side: "request" });
      requestSide.set(name, { ...v, side: "request" });
    }
  }
  for (const response of op.responses) {
    for (const media of response.contents) {
      const raw = asRecord(getAtPointer(root, media.pointer));
      for (const [name, v] of namedExamples(root, raw, media.pointer, media.schemaPointer)) {
        const ex = get(name);
        ex.values.push({ ...v, side: "response" });
        if (ex.response) continue; // the first status documents the example
        ex.response = { status: response.status, mediaType: media.mediaType, body: v.value, pointer: v.pointer };
        const auth = v.extra["x-auth"];
        if (auth === "none" || auth === "invalid" || auth === "valid") ex.auth = auth;
      }
    }
  }
  const examples = [...byName.values()].filter((ex) => ex.response !== undefined);
  const unpaired = [...byName.values()].filter((ex) => ex.response === undefined).map((ex) => requestSide.get(ex.name)!).filter(isRecord) as ExampleValue[];
  return { examples, unpaired };
}
