import type { Diagnostic } from "../../document/diagnostics.js";
import { joinPointer } from "../../document/pointer.js";
import { asRecord, deref, isRecord } from "./deref.js";
import { NameRegistry, deriveOperationId, toPascalCase } from "./names.js";
import { buildOperation } from "./build-operation.js";
import type { ApiModel, HttpMethod, OperationModel, SecuritySchemeModel } from "./types.js";
import { getOwn } from "../../runtime/shared/own.js";

export const HTTP_METHODS: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface Located {
  warn(code: Diagnostic["code"], pointer: string, message: string): void;
  error(code: Diagnostic["code"], pointer: string, message: string): void;
}

/** Build the intermediate model. Operations sorted by (path, method); schema names sorted. */
export function buildApi(root: Record<string, unknown>, report: Located): ApiModel {
  const info = asRecord(root.info);
  const openapi = String(root.openapi ?? "").startsWith("3.0") ? "3.0" : "3.1";
  const components = asRecord(root.components);
  const names = new NameRegistry();
  const operations: OperationModel[] = [];
  const seenIds = new Map<string, string>();
  const paths = asRecord(root.paths);
  for (const path of Object.keys(paths).sort()) {
    const itemPointer = joinPointer("#/paths", path);
    const item = deref(root, paths[path]).value;
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const pointer = joinPointer(itemPointer, method);
      let operationId = typeof op.operationId === "string" && op.operationId !== "" ? op.operationId : "";
      if (operationId === "") {
        operationId = deriveOperationId(method, path);
        report.warn("SC010", pointer, `no operationId; using '${operationId}'`);
      }
      const first = seenIds.get(operationId);
      if (first !== undefined) {
        report.error("SC005", joinPointer(pointer, "operationId"), `operationId '${operationId}' is already used by ${first}`);
        continue;
      }
      seenIds.set(operationId, `${method.toUpperCase()} ${path}`);
      operations.push(
        buildOperation({ root, item, op, method, path, pointer, operationId, typeName: names.claim(toPascalCase(operationId)) }),
      );
    }
  }
  return {
    title: String(info.title ?? ""),
    version: String(info.version ?? ""),
    openapi,
    servers: (Array.isArray(root.servers) ? root.servers : []).map((s) => String(asRecord(s).url ?? "")).filter(Boolean),
    securitySchemes: buildSecuritySchemes(root, asRecord(components.securitySchemes)),
    schemas: Object.keys(asRecord(components.schemas)).sort(),
    operations,
  };
}

function buildSecuritySchemes(root: unknown, schemes: Record<string, unknown>): SecuritySchemeModel[] {
  return Object.keys(schemes)
    .sort()
    .map((name) => {
      const s = asRecord(deref(root, getOwn(schemes, name)).value);
      const model: SecuritySchemeModel = { name, type: String(s.type ?? "") };
      if (typeof s.scheme === "string") model.scheme = s.scheme.toLowerCase();
      if (typeof s.in === "string") model.in = s.in;
      if (typeof s.name === "string") model.parameterName = s.name;
      return model;
    });
}
