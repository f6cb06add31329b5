/** Optional response validation with the generated (ajv standalone) validators. */
import { responseKeyFor } from "../shared/index.js";
import { ResponseValidationError, type CallContext, type ValidationIssue } from "./errors.js";
import { getOwn } from "../shared/own.js";

export interface ResponseValidator {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

/** One operation's response validators by status and media type, as the generated validators/by-operation.ts loads them. */
export type OperationResponseValidators = { responses: Readonly<Record<string, Readonly<Record<string, ResponseValidator>>>> };

/** operationId → its response validators (the shape of the generated `operationValidators`). */
export type ValidatorTable = Readonly<Record<string, OperationResponseValidators>>;

/** An operation's validators by its operationId, loaded on first use (undefined: none). */
export type ValidatorLoader = (operationId: string) => Promise<OperationResponseValidators | undefined>;

export async function checkResponse(input: { loader: ValidatorLoader; context: CallContext; status: number; headers: Headers; body: unknown }): Promise<void> {
  const responses = (await input.loader(input.context.operationId))?.responses ?? {};
  const key = responseKeyFor(Object.keys(responses), input.status);
  const byMedia = key === undefined ? undefined : getOwn(responses, key);
  if (!byMedia) return;
  const mediaType = (input.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const validate = getOwn(byMedia, mediaType) ?? Object.values(byMedia)[0];
  if (!validate || input.body === undefined) return;
  if (!validate(input.body)) {
    throw new ResponseValidationError(input.context, input.status, [...(validate.errors ?? [])], input.body);
  }
}
