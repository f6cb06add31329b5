import { operationSpec } from "../generator/emit/operation-table.js";
import type { ApiModel, OperationModel } from "../generator/model/types.js";
import type { ApiDefinition, OperationSpec } from "../runtime/server/types.js";
import { collectDiscriminators, type Discriminator } from "./discriminators.js";
import { LazySchemas } from "./schemas.js";
import { lazyOperationValidators } from "./validators.js";

/** Everything the mock knows about one document. Schemas convert, and validators compile, on first use. */
export type MockDefinition = ApiDefinition & Required<Pick<ApiDefinition, "validators">>;

export interface MockSpec {
  /** the normalised document (local `#/…` refs) */
  root: Record<string, unknown>;
  model: ApiModel;
  /**
   * what the runtime's createRoutes needs (`operations` is built when first read; the mock itself asks
   * operationSpec), with every operation's validators at hand (compiled on first use)
   */
  definition: MockDefinition;
  /** one operation's runtime description, built on first use */
  operationSpec(operationId: string): OperationSpec;
  /** the converted (JSON Schema 2020-12) schema of a documented response body */
  responseSchema(op: OperationModel, status: string, mediaType: string): unknown;
  /** resolves a converted schema's `$ref` (`spec-contract:schemas/<key>#/…`) */
  resolveRef(ref: string): unknown;
  /** discriminators by their branches (the conversion drops the keyword); collected on first use */
  readonly discriminators: Map<string, Discriminator>;
  /** the schema at a pointer of the document, converted like every other (response headers) */
  convertAt(pointer: string): Record<string, unknown>;
}

/** A MockSpec over a parsed, normalised document and its model (built, or read from model.json). */
export function createMockSpec(root: Record<string, unknown>, model: ApiModel, options: { mayHaveDiscriminators?: boolean } = {}): MockSpec {
  const schemas = new LazySchemas(root, model.openapi);
  const byId = new Map(model.operations.map((op) => [op.operationId, op] as const));
  const specs = new Map<string, OperationSpec>();
  const specOf = (operationId: string): OperationSpec => {
    let spec = specs.get(operationId);
    if (!spec) {
      spec = operationSpec(byId.get(operationId)!, root);
      specs.set(operationId, spec);
    }
    return spec;
  };
  let operations: OperationSpec[] | undefined;
  const definition = {
    title: model.title,
    version: model.version,
    get operations() {
      return (operations ??= model.operations.map((op) => specOf(op.operationId)));
    },
    securitySchemes: model.securitySchemes,
    validators: lazyOperationValidators(model, schemas),
    defPointers: schemas.defPointers,
  } satisfies ApiDefinition;
  let discriminators: Map<string, Discriminator> | undefined;
  return {
    root,
    model,
    definition,
    operationSpec: specOf,
    responseSchema: (op, status, mediaType) => {
      const pointer = op.responses.find((r) => r.status === status)?.contents.find((c) => c.mediaType === mediaType)?.schemaPointer;
      return pointer === undefined ? undefined : schemas.convertAt(pointer);
    },
    resolveRef: schemas.resolveRef,
    get discriminators() {
      return (discriminators ??= options.mayHaveDiscriminators === false ? new Map() : collectDiscriminators(root));
    },
    convertAt: (pointer) => schemas.convertAt(pointer),
  };
}
