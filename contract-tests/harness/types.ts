import type { ValidateFunction } from "ajv";

/** The parts of generated/<api>/model.json the harness reads. */
export interface ModelJson {
  source: string;
  title: string;
  version: string;
  securitySchemes: { name: string; type: string; scheme?: string; in?: string; parameterName?: string }[];
  operations: OperationJson[];
  validatorPointers: Record<string, string>;
  defPointers: Record<string, string>;
}

export interface OperationJson {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: "path" | "query" | "header" | "cookie"; required: boolean; style?: string; explode?: boolean; schemaPointer: string; pointer: string }[];
  requestBody?: { required: boolean; contents: { mediaType: string; schemaPointer: string; pointer: string }[]; pointer: string };
  responses: ResponseJson[];
  security: { schemes: string[] }[];
  pointer: string;
}

export interface ResponseJson {
  status: string;
  contents: { mediaType: string; schemaPointer: string; pointer: string }[];
  headers: { name: string; required: boolean; schemaPointer: string }[];
  links: LinkJson[];
  pointer: string;
}

export interface LinkJson {
  name: string;
  operationId: string;
  parameters: Record<string, string>;
  body: Record<string, string>;
  pointer: string;
}

export type ParamLocation = "path" | "query" | "header" | "cookie";

/** One entry of generated/<api>/examples.json. */
export interface ExampleJson {
  operationId: string;
  name: string;
  method: string;
  path: string;
  request: { params: Record<ParamLocation, Record<string, unknown>>; mediaType?: string; body?: unknown };
  auth: "valid" | "none" | "invalid";
  response: { status: string; mediaType?: string; body?: unknown; pointer: string };
  pointer: string;
}

export interface OperationValidatorsJs {
  parameters: Partial<Record<ParamLocation, ValidateFunction>>;
  body: Record<string, ValidateFunction>;
  responses: Record<string, Record<string, ValidateFunction>>;
}

export type { ApiConfig, FixtureConfig } from "../../config/types.js";

export type TargetKind = "reference" | "prism" | "url";

export interface Failure {
  check: "transport" | "status" | "content-type" | "schema" | "echo" | "header" | "fixture";
  message: string;
  /** extra lines printed under the message */
  details?: string[];
}

export interface SentRequest {
  method: string;
  url: string;
  mediaType?: string;
  body?: string;
}

export type CaseKind = "example" | "negative" | "fixture";

export interface ContractCase {
  id: string;
  /** `<operationId> › <example name>` */
  title: string;
  kind: CaseKind;
  operationId: string;
  example: ExampleJson;
  /** `file:line` of the documented response example (of the operation, for negative cases) */
  at?: string;
  /** statuses accepted (one for examples; documented 4xx for negative cases) */
  expectStatuses: string[];
  /** set when the case cannot run against this target */
  notApplicable?: string;
  /** checks skipped against this target, with the reason */
  skipChecks?: { check: Failure["check"]; reason: string }[];
}

export interface CaseResult {
  case: ContractCase;
  state: "passed" | "failed" | "not-applicable";
  request?: SentRequest;
  status?: number;
  /** the documented response the status fell under (`404`, `4XX`, `default`), when it was expected */
  responseKey?: string;
  failures: Failure[];
  notes: string[];
  durationMs: number;
}
