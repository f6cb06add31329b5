import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";

/**
 * types.ts: openapi-typescript's output for the normalised document, followed by one
 * friendly alias per component schema and per operation part (parameters, body, responses).
 */
export async function emitTypes(root: Record<string, unknown>, api: ApiModel, names: TypeNamePlan): Promise<string> {
  qualifyMappings(root);
  const ast = await openapiTS(withOperationIds(root, api) as unknown as OpenAPI3, {
    silent: true,
    alphabetize: false,
    additionalProperties: false,
  });
  return `${astToString(ast)}\n${aliases(api, names).join("\n")}\n`;
}

/**
 * A discriminator mapping value may name a component schema (`Dog`) instead of a `$ref`
 * (`#/components/schemas/Dog`); openapi-typescript resolves only the second. Rewrite the first in place.
 */
function qualifyMappings(root: Record<string, unknown>): void {
  const schemas = (root.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const mapping = (record.discriminator as { mapping?: unknown } | undefined)?.mapping;
    if (mapping !== null && typeof mapping === "object") {
      for (const [key, value] of Object.entries(mapping as Record<string, unknown>)) {
        if (typeof value === "string" && !value.includes("/") && Object.hasOwn(schemas, value)) {
          (mapping as Record<string, unknown>)[key] = `#/components/schemas/${value.replace(/~/g, "~0")}`;
        }
      }
    }
    for (const value of Object.values(record)) walk(value);
  };
  walk(root);
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
  for (const [schema, alias] of names.schemas) lines.push(`export type ${alias} = components["schemas"][${q(schema)}];`);
  for (const op of api.operations) {
    const plan = names.operations.get(op.operationId)!;
    // openapi-typescript keys `operations` by operationId with `#` turned into `/` (Box's `put_files_id#add_shared_link`)
    const base = `operations[${q(op.operationId.replace(/#/g, "/"))}]`;
    for (const [location, alias] of Object.entries(plan.parameters)) {
      lines.push(`export type ${alias} = NonNullable<${base}["parameters"][${q(location)}]>;`);
    }
    for (const [media, alias] of plan.body) {
      lines.push(`export type ${alias} = NonNullable<${base}["requestBody"]>["content"][${q(media)}];`);
    }
    for (const [status, byMedia] of plan.responses) {
      for (const [media, alias] of byMedia) {
        lines.push(`export type ${alias} = ${base}["responses"][${q(status)}]["content"][${q(media)}];`);
      }
    }
  }
  return lines;
}

function q(value: string): string {
  return JSON.stringify(value);
}
