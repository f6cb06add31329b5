import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import { compileRegistry, type CompiledModule } from "../schema/compile.js";
import { buildSchemaRegistry, type SchemaRegistry } from "../schema/registry.js";
import type { StageContext } from "./context.js";

export interface ValidatorStageResult {
  names: TypeNamePlan;
  registry: SchemaRegistry;
  modules: CompiledModule[];
}

/** Convert every schema once and compile one ajv per module; unknown formats accept any value. */
export function validatorStage(ctx: StageContext, root: Record<string, unknown>, api: ApiModel, names: TypeNamePlan, unknownFormats: readonly string[]): ValidatorStageResult {
  const registry = buildSchemaRegistry({ root, api, names, report: (code, pointer, message) => ctx.warn(code, pointer, message), allSchemas: ctx.allSchemaValidators ?? false });
  const compiled = compileRegistry(registry, [...new Set([...ctx.allowFormats, ...unknownFormats])]);
  for (const failure of compiled.failures) ctx.warn("SC009", failure.spec.pointer, `${failure.message}; this validator is left out`);
  return { names, registry, modules: compiled.modules };
}
