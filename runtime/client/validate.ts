/** Optional response validation with the generated (ajv standalone) validators. */
import { ResponseValidationError, type ErrorContext, type ValidationIssue } from "./errors.js";

export interface ResponseValidator {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

/** operationId → status → media type → validator (the generated `operationValidators`). */
export type ValidatorTable = Readonly<Record<string, { responses: Readonly<Record<string, Readonly<Record<string, ResponseValidator>>>> }>>;

export type ValidatorLoader = () => Promise<ValidatorTable>;

/** The documented entry for a status: exact (`404`), then its range (`4XX`), then `default`. */
function responseFor(table: ValidatorTable, operationId: string, status: number) {
  const responses = table[operationId]?.responses ?? {};
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

export async function checkResponse(input: { loader: ValidatorLoader; context: ErrorContext; status: number; headers: Headers; body: unknown }): Promise<void> {
  const byMedia = responseFor(await input.loader(), input.context.operationId, input.status);
  if (!byMedia) return;
  const mediaType = (input.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const validate = byMedia[mediaType] ?? Object.values(byMedia)[0];
  if (!validate || input.body === undefined) return;
  if (!validate(input.body)) {
    throw new ResponseValidationError(input.context, input.status, [...(validate.errors ?? [])], input.body);
  }
}
