export { responseKeyFor } from "./responses.js";
export { SCHEMA_ID_PREFIX, splitSchemaPath } from "./schema-path.js";
export { escapeSegment, unescapeSegment } from "./pointer.js";
export { getOwn, hasOwn, setOwn } from "./own.js";
export { RUNTIME_ERROR_CODES, type RuntimeErrorCode, type ClientErrorCode, type ServerErrorCode } from "./error-codes.js";
export type {
  ApiModel,
  ExampleAuth,
  ExampleJson,
  ExamplesJson,
  NotReplayedJson,
  ModelJson,
  OperationValidatorSet,
  ParameterLocation,
  SecurityScheme,
} from "./contract.js";
