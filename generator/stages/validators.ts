import type { ApiModel } from "../model/types.js";
import { planTypeNames, type TypeNamePlan } from "../model/type-names.js";
import { compileRegistry, type CompiledModule } from "../schema/compile.js";
import { knownFormats } from "../schema/formats.js";
import { buildSchemaRegistry, type SchemaRegistry } from "../schema/registry.js";
import type { StageContext } from "./context.js";

export interface ValidatorStageResult {
  names: TypeNamePlan;
  registry: SchemaRegistry;
  modules: CompiledModule[];
}

/** Convert every schema once, report unknown formats (once each) and compile one ajv per module. */
export function validatorStage(ctx: StageContext, root: Record<string, unknown>, api: ApiModel): ValidatorStageResult {
  const names = planTypeNames(api);
  const allowed = new Set([...knownFormats(), ...ctx.allowFormats]);
  const unknownFormats = new Map<string, { pointer: string; uses: number }>();
  const registry = buildSchemaRegistry({
    root,
    api,
    names,
    formats: (pointer, format) => {
      if (allowed.has(format)) return;
      const seen = unknownFormats.get(format);
      if (seen) seen.uses++;
      else unknownFormats.set(format, { pointer, uses: 1 });
    },
    report: (code, pointer, message) => ctx.report(code, "warning", pointer, message),
  });
  for (const [format, { pointer, uses }] of unknownFormats) {
    const where = uses > 1 ? ` (used in ${uses} places; this is the first)` : "";
    ctx.report("SC007", "error", pointer, `unknown format '${format}'${where}; pass --allow-format ${format} to accept any value`);
  }
  const compiled = compileRegistry(registry, [...ctx.allowFormats, ...unknownFormats.keys()]);
  for (const failure of compiled.failures) ctx.report("SC009", "error", failure.spec.pointer, failure.message);
  return { names, registry, modules: compiled.modules };
}
