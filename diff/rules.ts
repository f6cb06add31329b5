/**
 * Every change the diff knows, with what it means for clients (built for the old document,
 * talking to a server that follows the new one) and for servers (built for the old document,
 * judged against the new one). A request accepting more, or a response promising less, is a
 * server's problem; a request accepting less, or a response sending more, is a client's.
 */
export type Level = "breaking" | "warning" | "none";

export const LEVELS: readonly Level[] = ["none", "warning", "breaking"];

export interface Rule {
  client: Level;
  server: Level;
  description: string;
}

const B: Level = "breaking";
const W: Level = "warning";
const N: Level = "none";

function rule(client: Level, server: Level, description: string): Rule {
  return { client, server, description };
}

/** Schema rules come twice: once for request schemas (parameters, bodies), once for responses. */
const SCHEMA_RULES = {
  "property-removed": [rule(W, N, "a request property removed (old clients still send it)"), rule(B, N, "a response property removed")],
  "property-added-required": [rule(B, B, "a required request property added"), rule(N, B, "a required response property added")],
  "property-added-optional": [rule(N, B, "an optional request property added"), rule(N, N, "an optional response property added")],
  "property-became-required": [rule(B, N, "a request property became required"), rule(N, B, "a response property became required")],
  "property-became-optional": [rule(N, B, "a request property became optional"), rule(B, N, "a response property became optional")],
  "became-nullable": [rule(N, B, "a request value may now be null"), rule(B, N, "a response value may now be null")],
  "became-not-nullable": [rule(B, N, "a request value may no longer be null"), rule(N, B, "a response value is no longer null")],
  "type-widened": [rule(N, B, "a request type accepts more types"), rule(B, N, "a response type may hold more types")],
  "type-narrowed": [rule(B, N, "a request type accepts fewer types"), rule(N, B, "a response type holds fewer types")],
  "type-changed": [rule(B, B, "a request type changed"), rule(B, B, "a response type changed")],
  "enum-value-added": [rule(N, B, "a request enum value added"), rule(B, N, "a response enum value added")],
  "enum-value-removed": [rule(B, N, "a request enum value removed"), rule(N, B, "a response enum value removed")],
  "constraint-tightened": [rule(B, N, "a request constraint tightened (length, range, items, pattern or additionalProperties)"), rule(N, B, "a response constraint tightened")],
  "constraint-relaxed": [rule(N, B, "a request constraint relaxed"), rule(B, N, "a response constraint relaxed")],
  "pattern-changed": [rule(W, W, "a request pattern changed (neither wider nor narrower can be proven)"), rule(W, W, "a response pattern changed")],
  "format-changed": [rule(W, W, "a request format changed"), rule(W, W, "a response format changed")],
  "variant-added": [rule(N, B, "an anyOf/oneOf alternative added to a request schema"), rule(B, N, "an anyOf/oneOf alternative added to a response schema")],
  "variant-removed": [rule(B, N, "an anyOf/oneOf alternative removed from a request schema"), rule(N, B, "an anyOf/oneOf alternative removed from a response schema")],
} as const satisfies Record<string, readonly [Rule, Rule]>;

export type SchemaKind = keyof typeof SCHEMA_RULES;
export type Direction = "request" | "response";

const OPERATION_RULES = {
  "operation-removed": rule(B, N, "an operation removed"),
  "operation-added": rule(N, B, "an operation added (old servers do not implement it)"),
  "request-parameter-removed": rule(W, N, "a parameter removed (old clients still send it)"),
  "request-parameter-added-required": rule(B, B, "a required parameter added"),
  "request-parameter-added-optional": rule(N, B, "an optional parameter added"),
  "request-parameter-became-required": rule(B, N, "a parameter became required"),
  "request-parameter-became-optional": rule(N, B, "a parameter became optional"),
  "request-parameter-location-changed": rule(B, B, "a parameter moved (path, query, header, cookie)"),
  "request-parameter-style-changed": rule(B, B, "a parameter's style or explode changed (it is serialised differently)"),
  "request-body-added-required": rule(B, B, "a required request body added"),
  "request-body-added-optional": rule(N, B, "an optional request body added"),
  "request-body-removed": rule(W, N, "the request body removed"),
  "request-body-became-required": rule(B, N, "the request body became required"),
  "request-body-became-optional": rule(N, B, "the request body became optional"),
  "request-media-type-removed": rule(B, N, "a request media type removed"),
  "request-media-type-added": rule(N, B, "a request media type added"),
  "response-success-status-removed": rule(B, B, "a 2xx status removed"),
  "response-error-status-removed": rule(W, W, "a non-2xx status removed"),
  "response-status-added": rule(W, N, "a status added (old clients may not handle it)"),
  "response-media-type-removed": rule(B, B, "a response media type removed"),
  "response-media-type-added": rule(W, N, "a response media type added"),
  "response-header-removed": rule(B, N, "a required response header removed"),
  "response-header-added-required": rule(N, B, "a required response header added"),
  "security-added": rule(B, N, "an operation that needed no credentials now needs them"),
  "security-removed": rule(N, B, "an operation that needed credentials now needs none"),
  "security-requirement-removed": rule(B, N, "an alternative security requirement removed"),
  "security-requirement-added": rule(N, B, "an alternative security requirement added"),
  "security-scheme-changed": rule(B, B, "a security scheme's type, scheme, location or name changed"),
} as const satisfies Record<string, Rule>;

export type OperationRuleId = keyof typeof OPERATION_RULES;
export type RuleId = OperationRuleId | `${Direction}-${SchemaKind}`;

function buildRules(): Record<RuleId, Rule> {
  const out: Record<string, Rule> = { ...OPERATION_RULES };
  for (const [kind, [request, response]] of Object.entries(SCHEMA_RULES)) {
    out[`request-${kind}`] = request;
    out[`response-${kind}`] = response;
  }
  return out as Record<RuleId, Rule>;
}

export const RULES: Readonly<Record<RuleId, Rule>> = buildRules();

export function schemaRule(direction: Direction, kind: SchemaKind): RuleId {
  return `${direction}-${kind}`;
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}
