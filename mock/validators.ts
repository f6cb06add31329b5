import type { ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ApiModel, OperationModel } from "../generator/model/types.js";
import { createAjv } from "../generator/schema/compile.js";
import { isFormMedia } from "../generator/schema/media.js";
import { walkEntries } from "../generator/schema/walk.js";
import { parameterSchema, type ValidatorModule } from "../generator/schema/registry.js";
import type { OperationValidatorSet } from "../runtime/shared/contract.js";
import { setOwn } from "../runtime/shared/own.js";
import type { LazySchemas } from "./schemas.js";

type Schema = Record<string, unknown>;

/**
 * The validators of every operation, as generated validators.ts's `operationValidators` holds them,
 * compiled in memory with the generator's ajv options when first called: the set of each operation
 * is there from the start (cheap closures), its schemas are converted and compiled by the first
 * request that needs them.
 */
export function lazyOperationValidators(model: ApiModel, schemas: LazySchemas): Record<string, OperationValidatorSet> {
  const compiler = new LazyCompiler(schemas);
  const out: Record<string, OperationValidatorSet> = Object.create(null);
  for (const op of model.operations) setOwn(out, op.operationId, operationSet(op, schemas, compiler));
  return out;
}

function operationSet(op: OperationModel, schemas: LazySchemas, compiler: LazyCompiler): OperationValidatorSet {
  const set: OperationValidatorSet = { parameters: {}, body: {}, responses: {} };
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const params = op.parameters.filter((p) => p.in === location);
    if (params.length === 0) continue;
    // as buildSchemaRegistry: one object schema per location
    set.parameters[location] = compiler.lazy("request", (compiled) => (set.parameters[location] = compiled), () =>
      parameterSchema(location, params, (p) => schemas.convertAt(p.schemaPointer)),
    );
  }
  for (const media of op.requestBody?.contents ?? []) {
    const pointer = media.schemaPointer;
    if (!pointer) continue;
    const module = isFormMedia(media.mediaType) ? "request" : "request-json";
    setOwn(set.body, media.mediaType, compiler.lazy(module, (compiled) => setOwn(set.body, media.mediaType, compiled), () => schemas.convertAt(pointer)));
  }
  for (const response of op.responses) {
    for (const media of response.contents) {
      const pointer = media.schemaPointer;
      if (!pointer) continue;
      const byMedia = (set.responses[response.status] ??= {});
      setOwn(byMedia, media.mediaType, compiler.lazy("response", (compiled) => setOwn(byMedia, media.mediaType, compiled), () => schemas.convertAt(pointer)));
    }
  }
  return set;
}

/** One ajv per validator module; the resources a schema reaches are added before it compiles. */
class LazyCompiler {
  private readonly instances = new Map<ValidatorModule, { ajv: Ajv2020; added: Set<string> }>();
  private counter = 0;
  constructor(private readonly schemas: LazySchemas) {}

  /**
   * A validator that compiles on its first call and then hands the compiled function to `replace`, so
   * the set holds it directly from then on (callers that kept this one still work through it).
   */
  lazy(module: ValidatorModule, replace: (compiled: ValidateFunction) => void, schemaOf: () => Schema): ValidateFunction {
    let compiled: ValidateFunction | undefined;
    const validate = ((data: unknown) => {
      if (!compiled) {
        compiled = this.compile(module, schemaOf());
        replace(compiled);
      }
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    }) as ValidateFunction;
    validate.errors = null;
    return validate;
  }

  private compile(module: ValidatorModule, schema: Schema): ValidateFunction {
    const instance = this.instance(module);
    const { ajv } = instance;
    const fresh = this.schemas.closure(schema).filter((r) => !instance.added.has(r.$id as string));
    for (const format of unknownFormats([schema, ...fresh], ajv)) ajv.addFormat(format, true);
    for (const resource of fresh) {
      instance.added.add(resource.$id as string);
      // the resources came out of our own conversion: not validated against the meta-schema
      ajv.addSchema(resource, undefined, undefined, false);
    }
    try {
      // added unchecked, as the resources: checking against the meta-schema would compile the meta-schema first
      const id = `spec-contract:mock/${module}-${this.counter++}`;
      ajv.addSchema({ ...schema, $id: id }, undefined, undefined, false);
      return ajv.getSchema(id)!;
    } catch {
      // a schema ajv cannot compile accepts any value, as its generated validator does (SC009)
      return Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
    }
  }

  private instance(module: ValidatorModule): { ajv: Ajv2020; added: Set<string> } {
    let instance = this.instances.get(module);
    if (!instance) {
      instance = { ajv: createAjv(module, []), added: new Set() };
      this.instances.set(module, instance);
    }
    return instance;
  }
}

/** Formats the schemas name that ajv does not know: they validate as their type, as in generated validators. */
function unknownFormats(schemas: Schema[], ajv: Ajv2020): Set<string> {
  const known = ajv.formats as Record<string, unknown>;
  const out = new Set<string>();
  walkEntries(schemas, (key, value) => {
    if (key === "format" && typeof value === "string" && !Object.hasOwn(known, value)) out.add(value);
  });
  return out;
}
