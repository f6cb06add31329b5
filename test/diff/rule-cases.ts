/** Given/want rows: an old and a new fragment, and the one rule (with its levels) the diff must report. */
export type Json = Record<string, unknown>;

export interface Case {
  rule: string;
  client: "breaking" | "warning" | "none";
  server: "breaking" | "warning" | "none";
  /** Either whole documents (built by `doc`) or schemas placed in the request body / 200 response. */
  old: Json;
  new: Json;
}

const op = (extra: Json = {}): Json => ({ responses: { "200": { description: "ok" } }, ...extra });

/** A document with one POST /things operation; `operation` overrides parts of it. */
export function doc(operation: Json = {}, extra: Json = {}): Json {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/things/{id}": { post: op(operation) } },
    components: { securitySchemes: { key: { type: "http", scheme: "bearer" }, basic: { type: "http", scheme: "basic" } } },
    ...extra,
  };
}

export function requestSchema(schema: Json): Json {
  return doc({ requestBody: { required: true, content: { "application/json": { schema } } } });
}

export function responseSchema(schema: Json): Json {
  return doc({ responses: { "200": { description: "ok", content: { "application/json": { schema } } } } });
}

const obj = (properties: Json, required: string[] = []): Json => ({ type: "object", properties, required });
const str: Json = { type: "string" };
const param = (extra: Json = {}): Json => ({ name: "q", in: "query", schema: str, ...extra });

type Levels = [Case["client"], Case["server"]];

/** The same pair of fragments, judged on the request side and on the response side. */
function both(kind: string, before: Json, after: Json, request: Levels, response: Levels): Case[] {
  return [
    { rule: `request-${kind}`, client: request[0], server: request[1], old: requestSchema(before), new: requestSchema(after) },
    { rule: `response-${kind}`, client: response[0], server: response[1], old: responseSchema(before), new: responseSchema(after) },
  ];
}

export const CASES: Case[] = [
  { rule: "operation-removed", client: "breaking", server: "none", old: doc(), new: { ...doc(), paths: { "/things/{id}": {} } } },
  { rule: "operation-added", client: "none", server: "breaking", old: { ...doc(), paths: { "/things/{id}": {} } }, new: doc() },
  { rule: "request-parameter-removed", client: "warning", server: "none", old: doc({ parameters: [param()] }), new: doc() },
  { rule: "request-parameter-added-required", client: "breaking", server: "breaking", old: doc(), new: doc({ parameters: [param({ required: true })] }) },
  { rule: "request-parameter-added-optional", client: "none", server: "breaking", old: doc(), new: doc({ parameters: [param()] }) },
  { rule: "request-parameter-became-required", client: "breaking", server: "none", old: doc({ parameters: [param()] }), new: doc({ parameters: [param({ required: true })] }) },
  { rule: "request-parameter-became-optional", client: "none", server: "breaking", old: doc({ parameters: [param({ required: true })] }), new: doc({ parameters: [param()] }) },
  { rule: "request-parameter-location-changed", client: "breaking", server: "breaking", old: doc({ parameters: [param()] }), new: doc({ parameters: [param({ in: "header" })] }) },
  { rule: "request-parameter-style-changed", client: "breaking", server: "breaking", old: doc({ parameters: [param()] }), new: doc({ parameters: [param({ explode: false })] }) },
  { rule: "request-body-added-required", client: "breaking", server: "breaking", old: doc(), new: requestSchema(str) },
  { rule: "request-body-added-optional", client: "none", server: "breaking", old: doc(), new: doc({ requestBody: { content: { "application/json": { schema: str } } } }) },
  { rule: "request-body-removed", client: "warning", server: "none", old: requestSchema(str), new: doc() },
  { rule: "request-body-became-required", client: "breaking", server: "none", old: doc({ requestBody: { content: { "application/json": { schema: str } } } }), new: requestSchema(str) },
  { rule: "request-body-became-optional", client: "none", server: "breaking", old: requestSchema(str), new: doc({ requestBody: { content: { "application/json": { schema: str } } } }) },
  { rule: "request-media-type-removed", client: "breaking", server: "none", old: doc({ requestBody: { content: { "application/json": { schema: str }, "text/plain": { schema: str } } } }), new: doc({ requestBody: { content: { "application/json": { schema: str } } } }) },
  { rule: "request-media-type-added", client: "none", server: "breaking", old: doc({ requestBody: { content: { "application/json": { schema: str } } } }), new: doc({ requestBody: { content: { "application/json": { schema: str }, "text/plain": { schema: str } } } }) },
  { rule: "response-success-status-removed", client: "breaking", server: "breaking", old: doc({ responses: { "200": { description: "ok" }, "400": { description: "bad" } } }), new: doc({ responses: { "400": { description: "bad" } } }) },
  { rule: "response-error-status-removed", client: "warning", server: "warning", old: doc({ responses: { "200": { description: "ok" }, "404": { description: "gone" } } }), new: doc() },
  { rule: "response-status-added", client: "warning", server: "none", old: doc(), new: doc({ responses: { "200": { description: "ok" }, "404": { description: "gone" } } }) },
  { rule: "response-media-type-removed", client: "breaking", server: "breaking", old: responseSchema(str), new: doc() },
  { rule: "response-media-type-added", client: "warning", server: "none", old: doc(), new: responseSchema(str) },
  { rule: "response-header-removed", client: "breaking", server: "none", old: doc({ responses: { "200": { description: "ok", headers: { "X-Rate": { required: true, schema: str } } } } }), new: doc() },
  { rule: "response-header-added-required", client: "none", server: "breaking", old: doc(), new: doc({ responses: { "200": { description: "ok", headers: { "X-Rate": { required: true, schema: str } } } } }) },
  { rule: "security-added", client: "breaking", server: "none", old: doc(), new: doc({ security: [{ key: [] }] }) },
  { rule: "security-removed", client: "none", server: "breaking", old: doc({ security: [{ key: [] }] }), new: doc({ security: [] }) },
  { rule: "security-requirement-removed", client: "breaking", server: "none", old: doc({ security: [{ key: [] }, { basic: [] }] }), new: doc({ security: [{ key: [] }] }) },
  { rule: "security-requirement-added", client: "none", server: "breaking", old: doc({ security: [{ key: [] }] }), new: doc({ security: [{ key: [] }, { basic: [] }] }) },
  {
    rule: "security-scheme-changed", client: "breaking", server: "breaking",
    old: doc({ security: [{ key: [] }] }),
    new: doc({ security: [{ key: [] }] }, { components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } } }),
  },
  ...both("property-removed", obj({ a: str, b: str }), obj({ a: str }), ["warning", "none"], ["breaking", "none"]),
  ...both("property-added-required", obj({ a: str }), obj({ a: str, b: str }, ["b"]), ["breaking", "breaking"], ["none", "breaking"]),
  ...both("property-added-optional", obj({ a: str }), obj({ a: str, b: str }), ["none", "breaking"], ["none", "none"]),
  ...both("property-became-required", obj({ a: str }), obj({ a: str }, ["a"]), ["breaking", "none"], ["none", "breaking"]),
  ...both("property-became-optional", obj({ a: str }, ["a"]), obj({ a: str }), ["none", "breaking"], ["breaking", "none"]),
  ...both("became-nullable", str, { type: ["string", "null"] }, ["none", "breaking"], ["breaking", "none"]),
  ...both("became-not-nullable", { type: "string", nullable: true }, str, ["breaking", "none"], ["none", "breaking"]),
  ...both("type-widened", { type: "integer" }, { type: "number" }, ["none", "breaking"], ["breaking", "none"]),
  ...both("type-narrowed", { type: ["string", "integer"] }, str, ["breaking", "none"], ["none", "breaking"]),
  ...both("type-changed", str, { type: "integer" }, ["breaking", "breaking"], ["breaking", "breaking"]),
  ...both("enum-value-added", { type: "string", enum: ["a"] }, { type: "string", enum: ["a", "b"] }, ["none", "breaking"], ["breaking", "none"]),
  ...both("enum-value-removed", { type: "string", enum: ["a", "b"] }, { type: "string", enum: ["a"] }, ["breaking", "none"], ["none", "breaking"]),
  ...both("constraint-tightened", { type: "string", maxLength: 10 }, { type: "string", maxLength: 5 }, ["breaking", "none"], ["none", "breaking"]),
  ...both("constraint-relaxed", { type: "integer", minimum: 1 }, { type: "integer", minimum: 0 }, ["none", "breaking"], ["breaking", "none"]),
  ...both("pattern-changed", { type: "string", pattern: "^a+$" }, { type: "string", pattern: "^[ab]+$" }, ["warning", "warning"], ["warning", "warning"]),
  ...both("format-changed", { type: "string", format: "date" }, { type: "string", format: "date-time" }, ["warning", "warning"], ["warning", "warning"]),
  ...both("variant-added", { anyOf: [str] }, { anyOf: [str, { type: "integer" }] }, ["none", "breaking"], ["breaking", "none"]),
  ...both("variant-removed", { oneOf: [str, { type: "integer" }] }, { oneOf: [str] }, ["breaking", "none"], ["none", "breaking"]),
];
