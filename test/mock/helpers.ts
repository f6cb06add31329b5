import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { buildMock, type MockOptions } from "../../mock/server.js";
import { responseKeyFor } from "../../runtime/shared/responses.js";

export const ROOT = join(import.meta.dirname, "../..");
export const PETS = "test/mock/fixtures/pets.yaml";
export const KEY = { "x-api-key": "k_test" };

export type Mock = ReturnType<typeof buildMock>;

export function petsMock(options: Partial<MockOptions> = {}): Mock {
  return buildMock({ spec: PETS, cwd: ROOT, ...options });
}

/** The ajv errors of an answer against its documented response schema ([] when it validates). */
export function responseErrors(mock: Mock, operationId: string, res: LightMyRequestResponse): string[] {
  const op = mock.spec.definition.operations.find((o) => o.operationId === operationId)!;
  const key = responseKeyFor(Object.keys(op.responses), res.statusCode);
  if (!key) return [`status ${res.statusCode} is not documented`];
  const validators = mock.spec.definition.validators[operationId]?.responses[key] ?? {};
  const media = Object.keys(validators)[0];
  if (!media) return res.body === "" ? [] : [`status ${res.statusCode} documents no body`];
  const validate = validators[media]!;
  return validate(JSON.parse(res.body)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
