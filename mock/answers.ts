import { getAtPointer } from "../document/pointer.js";
import type { OperationModel, ResponseModel } from "../generator/model/types.js";
import type { HandlerResponse } from "../runtime/server/types.js";
import { responseKeyFor } from "../runtime/shared/responses.js";
import { generateValue } from "./generate-data.js";
import type { MockSpec } from "./mock-spec.js";
import type { Preference } from "./prefer.js";
import { createRandom, hashSeed, type Random } from "./random.js";

/** At most this many serialized answers are kept (Prefer's example names come from clients). */
const MAX_SERIALIZED = 10_000;

/** Chooses and builds the mock's answers for one document: documented examples first, generated data otherwise. */
export class Answers {
  private readonly randoms = new Map<string, Random>();
  /** examples and header values by media pointer / response, looked up once (answers never mutate them) */
  private readonly examples = new Map<string, unknown>();
  private readonly headerValues = new Map<string, Record<string, string> | undefined>();
  private readonly operations: Map<string, OperationModel>;
  private readonly defaultStatus = new Map<string, { status: number; key: string }>();
  /** stateless answers with a documented example, serialized, by operation and preference */
  private readonly serialized = new Map<string, HandlerResponse>();
  constructor(
    private readonly spec: MockSpec,
    private readonly seed: number,
  ) {
    this.operations = new Map(spec.model.operations.map((op) => [op.operationId, op]));
  }

  operation(operationId: string): OperationModel {
    return this.operations.get(operationId)!;
  }

  /**
   * What makes a `Prefer` impossible to honour for this operation, in words (Prism answers such a
   * request 404 rather than ignoring it): a `code` the operation does not document, or an `example`
   * name the chosen response does not have. Undefined when it can be honoured.
   */
  preferenceProblem(op: OperationModel, preference: Preference): string | undefined {
    if (preference.code === undefined && preference.example === undefined) return undefined; // most requests
    const keys = op.responses.map((r) => r.status);
    if (preference.code !== undefined && responseKeyFor(keys, preference.code) === undefined) {
      return `Prefer: code=${preference.code}: ${op.operationId} documents no ${preference.code} response (it documents ${keys.join(", ") || "none"})`;
    }
    if (preference.example === undefined || preference.dynamic) return undefined;
    const chosen = this.statusFor(op, preference);
    const response = op.responses.find((r) => r.status === chosen.key);
    const media = response ? pickMedia(response) : undefined;
    const names = media ? this.exampleNames(media.pointer) : [];
    if (names.includes(preference.example)) return undefined;
    return `Prefer: example=${preference.example}: the ${chosen.key || chosen.status} response of ${op.operationId} has no example '${preference.example}' (${names.length > 0 ? `it has ${names.join(", ")}` : "it has no named examples"})`;
  }

  /** The names of a media type's `examples`. */
  private exampleNames(mediaPointer: string): string[] {
    const content = getAtPointer(this.spec.root, mediaPointer) as Record<string, unknown> | undefined;
    const examples = content && typeof content === "object" ? content.examples : undefined;
    return examples && typeof examples === "object" ? Object.keys(examples) : [];
  }

  /** The documented status to answer with: Prefer's code when documented, else the lowest 2xx (else the lowest documented). */
  statusFor(op: OperationModel, preference: Preference): { status: number; key: string } {
    if (preference.code) {
      const key = responseKeyFor(
        op.responses.map((r) => r.status),
        preference.code,
      );
      if (key) return { status: Number(preference.code), key };
    }
    let chosen = this.defaultStatus.get(op.operationId);
    if (!chosen) {
      chosen = defaultStatus(op);
      this.defaultStatus.set(op.operationId, chosen);
    }
    return chosen;
  }

  /**
   * The answer when no state is kept: as `respond`, but a documented example's JSON is serialized once
   * per operation and preference and sent as it is (examples never change; generated data is drawn
   * anew for every answer). Its media type then carries the charset Fastify adds to `application/json`.
   */
  respondStateless(op: OperationModel, preference: Preference): HandlerResponse {
    if (preference.dynamic) return this.respond(op, preference);
    const key = preference.code === undefined && preference.example === undefined ? op.operationId : `${op.operationId}\n${preference.code ?? ""}\n${preference.example ?? ""}`;
    let answer = this.serialized.get(key);
    if (answer === undefined) {
      const { response, fromExample } = this.answer(op, preference);
      if (!fromExample || response.mediaType !== "application/json") return response;
      answer = { ...response, body: JSON.stringify(response.body), mediaType: "application/json; charset=utf-8" };
      if (this.serialized.size < MAX_SERIALIZED) this.serialized.set(key, answer);
    }
    return answer;
  }

  /** The answer for a status: the named or first documented example, or data generated from the schema. */
  respond(op: OperationModel, preference: Preference): HandlerResponse {
    return this.answer(op, preference).response;
  }

  private answer(op: OperationModel, preference: Preference): { response: HandlerResponse; fromExample: boolean } {
    const chosen = this.statusFor(op, preference);
    const response = op.responses.find((r) => r.status === chosen.key);
    const media = response ? pickMedia(response) : undefined;
    const headers = response ? this.headers(op, response) : undefined;
    const withHeaders = headers ? { headers } : {};
    if (!response || !media) return { response: { status: chosen.status, ...withHeaders }, fromExample: false };
    const example = preference.dynamic ? undefined : this.example(media.pointer, preference.example);
    if (example !== undefined) return { response: { status: chosen.status, body: example, mediaType: media.mediaType, ...withHeaders }, fromExample: true };
    const body = this.generate(op, chosen.key, media.mediaType);
    return { response: { status: chosen.status, body, mediaType: media.mediaType, ...withHeaders }, fromExample: false };
  }

  /** Values for the response's declared headers, generated from their schemas once per response. */
  headers(op: OperationModel, response: ResponseModel): Record<string, string> | undefined {
    if (response.headers.length === 0) return undefined;
    const key = `${op.operationId} ${response.status}`;
    if (!this.headerValues.has(key)) this.headerValues.set(key, this.generateHeaders(op, response));
    return this.headerValues.get(key);
  }

  private generateHeaders(op: OperationModel, response: ResponseModel): Record<string, string> {
    const out: Record<string, string> = Object.create(null);
    const random = this.random(`${op.operationId} ${response.status} headers`);
    for (const header of response.headers) {
      const name = header.name.toLowerCase();
      if (name === "content-type" || name === "content-length" || name === "transfer-encoding") continue;
      const schema = header.schemaPointer ? this.spec.convertAt(header.schemaPointer) : { type: "string" };
      const value = generateValue(schema, { resolve: this.spec.resolveRef, random });
      out[name] = typeof value === "string" ? value.replace(/[^\x20-\x7e]/g, "") : JSON.stringify(value ?? "");
    }
    return out;
  }

  private random(id: string): Random {
    let random = this.randoms.get(id);
    if (!random) {
      random = createRandom(hashSeed(this.seed, id));
      this.randoms.set(id, random);
    }
    return random;
  }

  /** Data for a documented response's schema (deterministic under the seed, per operation and status). */
  generate(op: OperationModel, key: string, mediaType: string): unknown {
    const schema = this.spec.responseSchema(op, key, mediaType);
    if (schema === undefined) return undefined;
    return generateValue(schema, {
      resolve: this.spec.resolveRef,
      random: this.random(`${op.operationId} ${key} ${mediaType}`),
      discriminators: this.spec.discriminators,
    });
  }

  /** A named example of the media type (`examples` map or single `example`), or the first one (shared, never mutated). */
  private example(mediaPointer: string, name: string | undefined): unknown {
    const key = `${mediaPointer} ${name ?? ""}`;
    if (!this.examples.has(key)) this.examples.set(key, this.findExample(mediaPointer, name));
    return this.examples.get(key);
  }

  private findExample(mediaPointer: string, name: string | undefined): unknown {
    const content = getAtPointer(this.spec.root, mediaPointer) as Record<string, unknown> | undefined;
    if (!content || typeof content !== "object") return undefined;
    const examples = content.examples;
    if (examples && typeof examples === "object") {
      const entries = Object.entries(examples as Record<string, unknown>);
      const found = name !== undefined ? entries.find(([n]) => n === name) : entries[0];
      const value = found ? this.exampleValue(found[1]) : undefined;
      if (value !== undefined) return value;
    }
    if ("example" in content && name === undefined) return content.example;
    return undefined;
  }

  private exampleValue(example: unknown): unknown {
    let node = example as Record<string, unknown> | undefined;
    for (let i = 0; i < 8 && node && typeof node === "object" && typeof node.$ref === "string"; i++) {
      node = getAtPointer(this.spec.root, node.$ref) as Record<string, unknown> | undefined;
    }
    return node && typeof node === "object" && "value" in node ? node.value : undefined;
  }
}

/** JSON first (the mock's answers are JSON), else the first documented media type. */
export function pickMedia(response: ResponseModel): { mediaType: string; pointer: string } | undefined {
  const json = response.contents.find((c) => /^application\/(.+\+)?json/.test(c.mediaType)) ?? response.contents[0];
  return json ? { mediaType: json.mediaType, pointer: json.pointer } : undefined;
}

/** The lowest documented 2xx (then 2XX, then the lowest documented status, then default as 200); 204 with none. */
function defaultStatus(op: OperationModel): { status: number; key: string } {
  const keys = op.responses.map((r) => r.status);
  const numeric = keys.filter((k) => /^\d{3}$/.test(k)).sort();
  const chosen = numeric.find((k) => k.startsWith("2")) ?? keys.find((k) => k === "2XX") ?? numeric[0] ?? keys[0];
  if (!chosen) return { status: 204, key: "" };
  return { status: /^\d{3}$/.test(chosen) ? Number(chosen) : chosen === "default" ? 200 : Number(chosen.charAt(0)) * 100, key: chosen };
}
