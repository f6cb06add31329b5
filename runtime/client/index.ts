/** The runtime every generated client.ts imports. */
export { buildClient } from "./build-client.js";
export { PagePromise } from "./paginate.js";
export { ApiError, ConnectionError, TimeoutError, ResponseValidationError, UnexpectedResponseError, type CallContext, type ValidationIssue } from "./errors.js";
export type { ClientErrorCode } from "../shared/error-codes.js";
export { ParameterError, encodeForm, toBracketPairs, queryPairs } from "./encode.js";
export { parseRetryAfter, retryDelay, shouldRetry } from "./retry.js";
export type { OperationResponseValidators, ValidatorTable, ValidatorLoader } from "./validate.js";
export type * from "./types.js";
