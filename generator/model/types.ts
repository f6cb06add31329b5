/**
 * The intermediate model every emitter reads. Built once per document, sorted, JSON-serialisable.
 * It is written out as model.json, so it is defined with the other boundary shapes in runtime/shared/contract.ts.
 */
export type {
  ApiModel,
  HttpMethod,
  LinkModel,
  MediaModel,
  OperationModel,
  ParameterLocation,
  ParameterModel,
  ResponseModel,
  SecurityRequirementModel,
  SecurityScheme as SecuritySchemeModel,
} from "../../runtime/shared/contract.js";
