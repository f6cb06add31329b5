/**
 * The shapes that cross a boundary, defined once (types only): the generator writes them, generated
 * code, the runtime and the harness read them. model.json (`ModelJson`), examples.json
 * (`ExamplesJson`), a security scheme (`SecurityScheme`) and the validator set of one operation
 * (`OperationValidatorSet`, what generated validators.ts exports per operation). Emitters check what
 * they write with `satisfies`, so a change here breaks the build, not a run.
 */
import type { ValidateFunction } from "ajv";

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** A `components.securitySchemes` entry, as model.json, the server and the client carry it. */
export interface SecurityScheme {
  name: string;
  type: string;
  /** http schemes: basic, bearer */
  scheme?: string;
  /** apiKey schemes */
  in?: string;
  parameterName?: string;
}

export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  style: string;
  explode: boolean;
  /** JSON pointer of the parameter's schema in the normalised document */
  schemaPointer: string;
  pointer: string;
}

export interface MediaModel {
  mediaType: string;
  /** undefined when the media type declares no schema */
  schemaPointer?: string;
  pointer: string;
}

export interface LinkModel {
  name: string;
  operationId: string;
  /** parameter name (optionally `path.`/`query.` qualified) → runtime expression */
  parameters: Record<string, string>;
  /** JSON pointer into the target's request body → runtime expression (`x-body`) */
  body: Record<string, string>;
  pointer: string;
}

export interface ResponseModel {
  /** "200", "4XX", "default" */
  status: string;
  description: string;
  contents: MediaModel[];
  headers: { name: string; required: boolean; schemaPointer?: string }[];
  links: LinkModel[];
  pointer: string;
}

export interface SecurityRequirementModel {
  /** scheme names that must all be satisfied together */
  schemes: string[];
}

export interface OperationModel {
  operationId: string;
  /** PascalCase identifier derived from operationId, unique in the API */
  typeName: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  tags: string[];
  parameters: ParameterModel[];
  requestBody?: { required: boolean; contents: MediaModel[]; pointer: string };
  responses: ResponseModel[];
  security: SecurityRequirementModel[];
  pointer: string;
}

/** The intermediate model every emitter reads; model.json is this plus where each validator's schema sits. */
export interface ApiModel {
  title: string;
  version: string;
  /** "3.0" or "3.1" */
  openapi: "3.0" | "3.1";
  servers: string[];
  securitySchemes: SecurityScheme[];
  /** component schema names, sorted */
  schemas: string[];
  operations: OperationModel[];
}

/** generated/<api>/model.json */
export interface ModelJson extends ApiModel {
  /** the banner */
  "//": string;
  /** the spec it was generated from, relative to the project */
  source: string;
  /** validator id → spec pointer of its schema */
  validatorPointers: Record<string, string>;
  /** ajv `$defs` key → spec pointer */
  defPointers: Record<string, string>;
}

/** The credentials the harness sends for an example (`x-auth`; default `valid`). */
export type ExampleAuth = "valid" | "none" | "invalid";

/** One entry of generated/<api>/examples.json: a request example paired with its response example. */
export interface ExampleJson {
  operationId: string;
  name: string;
  method: string;
  path: string;
  request: { params: Record<ParameterLocation, Record<string, unknown>>; mediaType?: string; body?: unknown };
  auth: ExampleAuth;
  response: { status: string; mediaType?: string; body?: unknown; pointer: string };
  pointer: string;
}

/** generated/<api>/examples.json */
export interface ExamplesJson {
  "//": string;
  source: string;
  examples: ExampleJson[];
  /** examples that break their schema (SC006) and document no invalid request: listed, not replayed */
  notReplayed: NotReplayedJson[];
}

/** One entry of examples.json's `notReplayed`. */
export interface NotReplayedJson {
  operationId: string;
  name: string;
  reason: string;
  /** the first value that breaks its schema */
  pointer: string;
}

/** The precompiled validators of one operation (generated validators.ts's `operationValidators[operationId]`). */
export interface OperationValidatorSet {
  parameters: Partial<Record<ParameterLocation, ValidateFunction>>;
  /** media type → body validator */
  body: Record<string, ValidateFunction>;
  /** status → media type → response body validator */
  responses: Record<string, Record<string, ValidateFunction>>;
}
