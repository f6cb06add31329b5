import { NameRegistry, toPascalCase } from "./names.js";
import type { ApiModel, ParameterLocation } from "./types.js";

/** One name per typed thing, shared by the type aliases, validator exports and `validate…` functions. */
export interface TypeNamePlan {
  schemas: Map<string, string>;
  operations: Map<string, OperationTypeNames>;
}

export interface OperationTypeNames {
  parameters: Partial<Record<ParameterLocation, string>>;
  /** media type → name */
  body: Map<string, string>;
  /** status → media type → name */
  responses: Map<string, Map<string, string>>;
}

const LOCATION_NAMES: Record<ParameterLocation, string> = {
  path: "PathParams",
  query: "Query",
  header: "Headers",
  cookie: "Cookies",
};

/** Claim names in a fixed order (schemas, then operations by path and method) so they never shift. */
export function planTypeNames(api: ApiModel): TypeNamePlan {
  const registry = new NameRegistry();
  const schemas = new Map<string, string>();
  for (const name of api.schemas) schemas.set(name, registry.claim(toPascalCase(name)));
  const operations = new Map<string, OperationTypeNames>();
  for (const op of api.operations) {
    const names: OperationTypeNames = { parameters: {}, body: new Map(), responses: new Map() };
    for (const location of ["path", "query", "header", "cookie"] as const) {
      if (op.parameters.some((p) => p.in === location)) {
        names.parameters[location] = registry.claim(`${op.typeName}${LOCATION_NAMES[location]}`);
      }
    }
    for (const media of op.requestBody?.contents ?? []) {
      names.body.set(media.mediaType, registry.claim(`${op.typeName}Body${suffixFor(media.mediaType, op.requestBody!.contents.length)}`));
    }
    for (const response of op.responses) {
      const byMedia = new Map<string, string>();
      for (const media of response.contents) {
        byMedia.set(media.mediaType, registry.claim(`${op.typeName}Response${statusName(response.status)}${suffixFor(media.mediaType, response.contents.length)}`));
      }
      names.responses.set(response.status, byMedia);
    }
    operations.set(op.operationId, names);
  }
  return { schemas, operations };
}

/** A media-type suffix only where one body or response has several media types. */
function suffixFor(mediaType: string, count: number): string {
  return count > 1 ? mediaSuffix(mediaType) : "";
}

/** `200` → `200`, `4XX` → `4XX`, `default` → `Default`. */
export function statusName(status: string): string {
  return /^[0-9]/.test(status) ? status.toUpperCase().replace(/[^0-9X]/g, "") : toPascalCase(status);
}

/** `application/json` → ``, `application/x-www-form-urlencoded` → `Form`, others by their words. */
export function mediaSuffix(mediaType: string): string {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  if (base === "application/json" || base === "*/*") return "";
  if (base === "application/x-www-form-urlencoded") return "Form";
  if (base === "multipart/form-data") return "Multipart";
  return toPascalCase(base);
}
