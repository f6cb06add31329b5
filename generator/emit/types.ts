import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import { identifier, stringLiteral } from "../render/escape.js";

/**
 * types.ts: openapi-typescript's output for the normalised document, followed by one
 * friendly alias per component schema and per operation part (parameters, body, responses).
 */
export async function emitTypes(root: Record<string, unknown>, api: ApiModel, names: TypeNamePlan): Promise<string> {
  const ast = await openapiTS(withOperationIds(root, api) as unknown as OpenAPI3, {
    silent: true,
    alphabetize: false,
    additionalProperties: false,
  });
  return `${astToString(ast)}\n${aliases(api, names).join("\n")}\n`;
}

/** Every operation gets its model operationId so `operations[...]` holds them all. */
function withOperationIds(root: Record<string, unknown>, api: ApiModel): Record<string, unknown> {
  const paths = { ...(root.paths as Record<string, Record<string, unknown>>) };
  for (const op of api.operations) {
    const item = { ...paths[op.path] };
    item[op.method] = { ...(item[op.method] as Record<string, unknown>), operationId: op.operationId };
    paths[op.path] = item;
  }
  return { ...root, paths };
}

function aliases(api: ApiModel, names: TypeNamePlan): string[] {
  const lines: string[] = [];
  for (const [schema, alias] of names.schemas) lines.push(`export type ${identifier(alias)} = components["schemas"][${q(schema)}];`);
  for (const op of api.operations) {
    const plan = names.operations.get(op.operationId)!;
    const base = `operations[${q(op.operationId)}]`;
    for (const [location, alias] of Object.entries(plan.parameters)) {
      lines.push(`export type ${identifier(alias)} = NonNullable<${base}["parameters"][${q(location)}]>;`);
    }
    for (const [media, alias] of plan.body) {
      lines.push(`export type ${identifier(alias)} = NonNullable<${base}["requestBody"]>["content"][${q(media)}];`);
    }
    for (const [status, byMedia] of plan.responses) {
      for (const [media, alias] of byMedia) {
        lines.push(`export type ${identifier(alias)} = ${base}["responses"][${q(status)}]["content"][${q(media)}];`);
      }
    }
  }
  return lines;
}

const q = (value: string): string => stringLiteral(value);
