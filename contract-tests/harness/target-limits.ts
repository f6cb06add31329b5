import type { LoadedApi } from "./load-api.js";
import { schemaAt } from "./spec-pointer.js";
import type { ContractCase, TargetKind } from "./types.js";

/** Why Prism's mock cannot answer some cases; the run marks them "not applicable" instead of failing. */
export const PRISM_LIMITS = {
  invalidKey: "Prism checks that credentials are present, not whether they are valid: a malformed key gets the same answer as a good one",
  stateful: (status: string) =>
    `Prism keeps no state: it answers every request that matches the spec with a documented 2xx example, so it cannot produce this ${status}, which depends on stored data`,
  formUnknownField:
    "Prism does not enforce additionalProperties: false on application/x-www-form-urlencoded bodies: it accepts the unknown field and answers 2xx",
  echo: "Prism answers with a fixed documented example, it does not echo the request: echoed values are not checked",
} as const;

/** What spec-contract's own mock (with state) cannot know: the provider's rules. */
export const MOCK_LIMITS = {
  invalidKey: "the mock checks that credentials are present, not whether the provider would accept them",
  providerRule: (status: string) =>
    `the mock cannot know the provider rule behind this ${status} (uniqueness, references to other objects, business rules): a valid request gets a 2xx`,
} as const;

/** Mark what a target cannot answer. Prism and the mock have limits; the reference and real URLs run everything. */
export function applyTargetLimits(api: LoadedApi, testCase: ContractCase, target: TargetKind): ContractCase {
  if (testCase.kind === "unreplayed") return testCase;
  if (target === "mock") return applyMockLimits(api, testCase);
  if (target !== "prism") return testCase;
  const out: ContractCase = { ...testCase, skipChecks: [{ check: "echo", reason: PRISM_LIMITS.echo }] };
  const { example } = testCase;
  if (onlyUnknownFormFields(api, testCase)) return { ...out, notApplicable: PRISM_LIMITS.formUnknownField };
  if (testCase.kind === "negative") return out;
  if (example.auth === "invalid") return { ...out, notApplicable: PRISM_LIMITS.invalidKey };
  const status = example.response.status;
  if (example.auth === "valid" && !status.startsWith("2") && requestMatchesSpec(api, testCase)) {
    return { ...out, notApplicable: PRISM_LIMITS.stateful(status) };
  }
  return out;
}

/**
 * The mock validates requests and keeps state, so negative cases, missing credentials and a 404 for an
 * unknown id in the path run; an invalid key and other errors for valid requests are provider rules.
 */
function applyMockLimits(api: LoadedApi, testCase: ContractCase): ContractCase {
  const { example } = testCase;
  if (testCase.kind === "negative") return testCase;
  if (example.auth === "invalid") return { ...testCase, notApplicable: MOCK_LIMITS.invalidKey };
  const status = example.response.status;
  const operation = api.model.operations.find((o) => o.operationId === testCase.operationId);
  const unknownItem = status === "404" && /\/\{[^}/]+\}$/.test(operation?.path ?? "");
  if (example.auth === "valid" && !status.startsWith("2") && !unknownItem && requestMatchesSpec(api, testCase)) {
    return { ...testCase, notApplicable: MOCK_LIMITS.providerRule(status) };
  }
  return testCase;
}

/** A form body whose only fault is a field the schema does not declare (with additionalProperties: false). */
function onlyUnknownFormFields(api: LoadedApi, testCase: ContractCase): boolean {
  const { request } = testCase.example;
  if (request.mediaType !== "application/x-www-form-urlencoded" || request.body === null || typeof request.body !== "object") return false;
  const operation = api.model.operations.find((o) => o.operationId === testCase.operationId);
  const content = operation?.requestBody?.contents.find((c) => c.mediaType === request.mediaType);
  const schema = content ? schemaAt(api.spec.root, content.schemaPointer) : undefined;
  if (!schema || schema.additionalProperties !== false) return false;
  const declared = Object.keys((schema.properties ?? {}) as object);
  const body = request.body as Record<string, unknown>;
  const unknown = Object.keys(body).filter((k) => !declared.includes(k));
  if (unknown.length === 0) return false;
  const known = Object.fromEntries(Object.entries(body).filter(([k]) => declared.includes(k)));
  const stripped = { ...testCase, example: { ...testCase.example, request: { ...request, body: known } } };
  return requestMatchesSpec(api, stripped);
}

/** Does the example's request pass the generated request validators (parameters and body)? */
export function requestMatchesSpec(api: LoadedApi, testCase: ContractCase): boolean {
  const validators = api.operationValidators[testCase.operationId];
  const operation = api.model.operations.find((o) => o.operationId === testCase.operationId);
  if (!validators || !operation) return false;
  const { request } = testCase.example;
  for (const location of ["path", "query", "header"] as const) {
    const validate = validators.parameters[location];
    if (!validate) continue;
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(request.params[location])) values[location === "header" ? name.toLowerCase() : name] = value;
    if (!validate(structuredClone(values))) return false;
  }
  if (request.body === undefined) return !operation.requestBody?.required;
  const validate = validators.body[request.mediaType ?? ""];
  return validate ? validate(structuredClone(request.body)) : true;
}
