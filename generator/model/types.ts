/** The intermediate model every emitter reads. Built once per document, sorted, JSON-serialisable. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export type ParameterLocation = "path" | "query" | "header" | "cookie";

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

export interface ResponseModel {
  /** "200", "4XX", "default" */
  status: string;
  description: string;
  contents: MediaModel[];
  headers: { name: string; required: boolean; schemaPointer?: string }[];
  links: LinkModel[];
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

export interface SecurityRequirementModel {
  /** scheme names that must all be satisfied together */
  schemes: string[];
}

export interface SecuritySchemeModel {
  name: string;
  type: string;
  /** http schemes: basic, bearer */
  scheme?: string;
  /** apiKey schemes */
  in?: string;
  parameterName?: string;
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

export interface ApiModel {
  title: string;
  version: string;
  /** "3.0" or "3.1" */
  openapi: "3.0" | "3.1";
  servers: string[];
  securitySchemes: SecuritySchemeModel[];
  /** component schema names, sorted */
  schemas: string[];
  operations: OperationModel[];
}
