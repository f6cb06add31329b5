import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { Answers } from "../../mock/answers.js";
import type { MockSpec } from "../../mock/load-spec.js";
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

/** Every documented status with a body, answered with generated data, checked by the response validators. */
export function sweep(spec: MockSpec, seed: number, pick: (index: number) => boolean = () => true): { checked: number; failures: string[] } {
  const answers = new Answers(spec, seed);
  const failures: string[] = [];
  let checked = 0;
  spec.model.operations.forEach((op, index) => {
    if (!pick(index)) return;
    for (const response of op.responses) {
      const validators = spec.definition.validators[op.operationId]?.responses[response.status] ?? {};
      for (const [mediaType, validate] of Object.entries(validators)) {
        const body = answers.generate(op, response.status, mediaType);
        checked++;
        if (!validate(body)) failures.push(`${op.operationId} ${response.status}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      }
    }
  });
  return { checked, failures };
}
