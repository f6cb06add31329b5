import type { SchemaRegistry, ValidatorModule } from "../schema/registry.js";
import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import type { EmittedFile } from "./emitted-file.js";
import { identifier, propertyKey } from "../render/escape.js";

/** The first line of every validator module (before the banner is added): what --lang js recognises them by. */
export const VALIDATOR_MODULE_DIRECTIVE = "// @ts-nocheck";

/**
 * ajv's standalone ESM still `require`s its runtime helpers and formats. The modules are plain JavaScript
 * in `.ts` files, unchecked: a user's `tsc` compiles them into its outDir with the rest (it would not copy
 * `.js` files), and validators.ts gives them their types.
 */
const PRELUDE = `${VALIDATOR_MODULE_DIRECTIVE}\nimport { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n`;

/** validators/<module>.ts per ajv instance, and the typed index validators.ts. */
export function emitValidators(sources: readonly { module: ValidatorModule; text: string }[], registry: SchemaRegistry, api: ApiModel, names: TypeNamePlan): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const { module, text } of sources) files.push({ path: `validators/${module}.ts`, content: PRELUDE + text });
  // Emitted one statement per line, already formatted.
  files.push({ path: "validators.ts", content: emitIndex(registry, api, names) });
  return files;
}

const RUN_LINES = [
  `function run<V>(fn: ValidateFunction, data: unknown): ValidationResult<V> {`,
  `  return fn(data) ? { ok: true, value: data as V } : { ok: false, errors: [...(fn.errors ?? [])] };`,
  `}`,
];

function emitIndex(registry: SchemaRegistry, api: ApiModel, names: TypeNamePlan): string {
  const moduleOf = new Map(registry.validators.map((v) => [v.id, v.module] as const));
  const alias = (module: ValidatorModule): string => moduleAlias(module);
  const ref = (id: string): string => `${alias(moduleOf.get(id)!)}.${identifier(id)}`;
  const lines: string[] = [
    `import type { ErrorObject, ValidateFunction } from "ajv";`,
    ...modulesOf(registry).map((m) => `import * as ${alias(m)}Module from "./validators/${m}.js";`),
    `import type * as T from "./types.js";`,
    `import type { OperationValidatorSet } from "./runtime/shared/index.js";`,
    ``,
    ...modulesOf(registry).map(
      (m) => `const ${alias(m)} = ${alias(m)}Module as unknown as Readonly<Record<keyof typeof ${alias(m)}Module, ValidateFunction>>;`,
    ),
    ``,
    `export type ValidationResult<V> = { ok: true; value: V } | { ok: false; errors: ErrorObject[] };`,
    `export type Validate<V> = (data: unknown) => ValidationResult<V>;`,
    ``,
    ...RUN_LINES,
    ``,
  ];
  let typedCount = 0;
  const typed = (id: string): void => {
    typedCount++;
    lines.push(`export const validate${id}: Validate<T.${id}> = (data) => run(${ref(id)}, data);`);
  };
  // component schemas that have a validator (by default those the operations use: schema/registry.ts)
  const schemas = [...names.schemas].filter(([, id]) => moduleOf.has(id));
  for (const [, id] of schemas) typed(id);
  const table: string[] = [];
  for (const op of api.operations) {
    const plan = names.operations.get(op.operationId)!;
    const parts: string[] = [];
    const params = Object.entries(plan.parameters).map(([loc, id]) => `${propertyKey(loc)}: ${ref(id)}`);
    for (const id of Object.values(plan.parameters)) typed(id);
    parts.push(`parameters: { ${params.join(", ")} }`);
    const body = [...plan.body].filter(([, id]) => moduleOf.has(id));
    for (const [, id] of body) typed(id);
    parts.push(`body: { ${body.map(([m, id]) => `${propertyKey(m)}: ${ref(id)}`).join(", ")} }`);
    const responses = [...plan.responses].map(([status, byMedia]) => {
      const media = [...byMedia].filter(([, id]) => moduleOf.has(id));
      for (const [, id] of media) typed(id);
      return `${propertyKey(status)}: { ${media.map(([m, id]) => `${propertyKey(m)}: ${ref(id)}`).join(", ")} }`;
    });
    parts.push(`responses: { ${responses.join(", ")} }`);
    table.push(`  ${propertyKey(op.operationId)}: { ${parts.join(", ")} },`);
  }
  lines.push(
    ``,
    `/** One operation's validators; the shape is defined once, with the runtime and the harness that read it. */`,
    `export type OperationValidators = OperationValidatorSet;`,
    ``,
    `/** Validators by operationId: parameters by location, body by media type, responses by status and media type. */`,
    `export const operationValidators: Record<string, OperationValidators> = {`,
    ...table,
    `};`,
    ``,
    `/** Component schema validators by the schema's name in the document. */`,
    `export const schemaValidators: Record<string, ValidateFunction> = {`,
    ...schemas.map(([name, id]) => `  ${propertyKey(name)}: ${ref(id)},`),
    `};`,
  );
  // No schema at all: neither the types nor `run` are used (`noUnusedLocals`).
  const unused = new Set([`import type * as T from "./types.js";`, ...RUN_LINES]);
  return (typedCount > 0 ? lines : lines.filter((line) => !unused.has(line))).join("\n") + "\n";
}

/** Only the modules this API has validators in: nothing unused (`noUnusedLocals`). */
function modulesOf(registry: SchemaRegistry): ValidatorModule[] {
  return (["request", "request-json", "response"] as const).filter((m) => registry.validators.some((v) => v.module === m));
}

function moduleAlias(module: ValidatorModule): string {
  return module === "request" ? "requestValidators" : module === "request-json" ? "requestJsonValidators" : "responseValidators";
}
