import type {
  ExampleJson,
  LinkModel,
  ModelJson,
  OperationModel,
  OperationValidatorSet,
  ParameterLocation,
  ResponseModel,
} from "../../runtime/shared/contract.js";

// model.json, examples.json and the validator sets are defined once, with the generator's side.
export type { ExampleJson, ModelJson };
export type OperationJson = OperationModel;
export type ResponseJson = ResponseModel;
export type LinkJson = LinkModel;
export type ParamLocation = ParameterLocation;
export type OperationValidatorsJs = OperationValidatorSet;

export type { ApiConfig, FixtureConfig } from "../../config/types.js";

export type TargetKind = "reference" | "prism" | "mock" | "url";

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

/** `unreplayed`: listed in the report, never sent (an example that breaks its schema, an operation with no example) */
export type CaseKind = "example" | "negative" | "fixture" | "unreplayed";

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
