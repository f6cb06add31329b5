import type { ValidatorModule } from "../schema/registry.js";
import type { ModuleSource } from "../schema/compile.js";
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

/**
 * validators/<module>.ts per ajv instance (or its chunks, validators/<module>/<hash>.ts), the typed
 * index validators.ts that loads them all, and validators/by-operation.ts, which loads one
 * operation's on first use (what the server and the client call).
 */
export function emitValidators(sources: readonly ModuleSource[], api: ApiModel, names: TypeNamePlan): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const source of sources) for (const [path, text] of source.files) files.push({ path: `validators/${path}`, content: PRELUDE + text });
  const fileOf = new Map<string, string>();
  for (const source of sources) for (const [id, path] of source.exportedFrom) fileOf.set(id, path);
  // Emitted one statement per line, already formatted.
  files.push({ path: "validators.ts", content: emitIndex(sources, fileOf, api, names) });
  files.push({ path: "validators/by-operation.ts", content: emitLoaders(fileOf, api, names) });
  return files;
}

const RUN_LINES = [
  `function run<V>(fn: ValidateFunction, data: unknown): ValidationResult<V> {`,
  `  return fn(data) ? { ok: true, value: data as V } : { ok: false, errors: [...(fn.errors ?? [])] };`,
  `}`,
];

function emitIndex(sources: readonly ModuleSource[], fileOf: ReadonlyMap<string, string>, api: ApiModel, names: TypeNamePlan): string {
  // only the files that export a validator: a chunk of shared functions alone is imported by the chunks
  // that call it, and an import nothing reads would break a user's noUnusedLocals
  const exporting = new Set(fileOf.values());
  const moduleFiles = sources.flatMap((source) => [...source.files.keys()].filter((path) => exporting.has(path)).map((path) => ({ path, module: source.module })));
  const aliasOf = new Map(moduleFiles.map(({ path, module }) => [path, fileAlias(module, path)] as const));
  const ref = (id: string): string => `${aliasOf.get(fileOf.get(id)!)!}.${identifier(id)}`;
  const lines: string[] = [
    `import type { ErrorObject, ValidateFunction } from "ajv";`,
    ...moduleFiles.map(({ path }) => `import * as ${aliasOf.get(path)!}Module from "./validators/${jsPath(path)}";`),
    `import type * as T from "./types.js";`,
    `import type { OperationValidatorSet } from "./runtime/shared/index.js";`,
    ``,
    ...moduleFiles.map(({ path }) => {
      const alias = aliasOf.get(path)!;
      return `const ${alias} = ${alias}Module as unknown as Readonly<Record<keyof typeof ${alias}Module, ValidateFunction>>;`;
    }),
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
  const schemas = [...names.schemas].filter(([, id]) => fileOf.has(id));
  for (const [, id] of schemas) typed(id);
  const table: string[] = [];
  for (const op of api.operations) {
    const set = operationSet(names, op.operationId, fileOf);
    for (const id of set.ids) typed(id);
    table.push(`  ${propertyKey(op.operationId)}: ${set.print(ref)},`);
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

/** One operation's validators in two parts, each with its ids (in the order the table names them) and its properties printed with `ref`. */
interface OperationParts {
  request: { ids: string[]; print: (ref: (id: string) => string) => string };
  responses: { ids: string[]; print: (ref: (id: string) => string) => string };
}

function operationParts(names: TypeNamePlan, operationId: string, present: ReadonlyMap<string, string>): OperationParts {
  const plan = names.operations.get(operationId)!;
  const params = Object.entries(plan.parameters);
  const body = [...plan.body].filter(([, id]) => present.has(id));
  const responses = [...plan.responses].map(([status, byMedia]) => [status, [...byMedia].filter(([, id]) => present.has(id))] as const);
  const byKey = (ref: (id: string) => string, entries: readonly (readonly [string, string])[]) => entries.map(([key, id]) => `${propertyKey(key)}: ${ref(id)}`).join(", ");
  return {
    request: { ids: [...params.map(([, id]) => id), ...body.map(([, id]) => id)], print: (ref) => `parameters: { ${byKey(ref, params)} }, body: { ${byKey(ref, body)} }` },
    responses: {
      ids: responses.flatMap(([, media]) => media.map(([, id]) => id)),
      print: (ref) => `responses: { ${responses.map(([status, media]) => `${propertyKey(status)}: { ${byKey(ref, media)} }`).join(", ")} }`,
    },
  };
}

/** One operation's validators and its table entry, printed with `ref`. */
function operationSet(names: TypeNamePlan, operationId: string, present: ReadonlyMap<string, string>): { ids: string[]; print: (ref: (id: string) => string) => string } {
  const { request, responses } = operationParts(names, operationId, present);
  return { ids: [...request.ids, ...responses.ids], print: (ref) => `{ ${request.print(ref)}, ${responses.print(ref)} }` };
}

/**
 * validators/by-operation.ts: for each operation, two functions that import only the files holding its
 * request validators (parameters and body: what a server checks) or its response validators (what a
 * client checks, and a server with checkResponses), chunks of a large API or whole modules of a small one.
 */
function emitLoaders(fileOf: ReadonlyMap<string, string>, api: ApiModel, names: TypeNamePlan): string {
  const entries: string[] = [];
  let imports = 0;
  const loader = (part: OperationParts["request"]): string => {
    const files = [...new Set(part.ids.map((id) => fileOf.get(id)!))].sort();
    const index = new Map(files.map((file, i) => [file, i] as const));
    // bracket access: a user's tsconfig may set noPropertyAccessFromIndexSignature (Module is a Record)
    const table = part.print((id) => `m[${index.get(fileOf.get(id)!)!}]![${JSON.stringify(id)}]!`);
    imports += files.length;
    return files.length === 0 ? `() => Promise.resolve({ ${table} })` : `() => load(${files.map((file) => `import("./${jsPath(file)}")`).join(", ")}).then((m) => ({ ${table} }))`;
  };
  for (const op of api.operations) {
    const parts = operationParts(names, op.operationId, fileOf);
    entries.push(`  ${propertyKey(op.operationId)}: {`, `    request: ${loader(parts.request)},`, `    responses: ${loader(parts.responses)},`, `  },`);
  }
  // nothing unused when no operation has a validator (`noUnusedLocals`)
  const loadLines =
    imports === 0
      ? []
      : [`type Module = Readonly<Record<string, ValidateFunction>>;`, `const load = (...modules: Promise<unknown>[]) => Promise.all(modules) as Promise<Module[]>;`, ``];
  const lines = [
    ...(imports === 0 ? [] : [`import type { ValidateFunction } from "ajv";`]),
    `import type { OperationValidatorSet } from "../runtime/shared/index.js";`,
    ``,
    ...loadLines,
    `type RequestValidators = Pick<OperationValidatorSet, "parameters" | "body">;`,
    `type ResponseValidators = Pick<OperationValidatorSet, "responses">;`,
    ``,
    `/** Each operation's request and response validators, each part loaded on first call: only the files it is in. */`,
    `export const operationValidatorLoaders: Record<string, { request: () => Promise<RequestValidators>; responses: () => Promise<ResponseValidators> }> = {`,
    ...entries,
    `};`,
    ``,
    `/** One operation's request or response validators; undefined for an operationId this API does not have (\`constructor\` included). */`,
    `export function loadOperationValidators(operationId: string, part: "request"): Promise<RequestValidators | undefined>;`,
    `export function loadOperationValidators(operationId: string, part: "responses"): Promise<ResponseValidators | undefined>;`,
    `export function loadOperationValidators(operationId: string, part: "request" | "responses"): Promise<RequestValidators | ResponseValidators | undefined>;`,
    `export function loadOperationValidators(operationId: string, part: "request" | "responses"): Promise<RequestValidators | ResponseValidators | undefined> {`,
    `  if (!Object.prototype.hasOwnProperty.call(operationValidatorLoaders, operationId)) return Promise.resolve(undefined);`,
    `  return part === "request" ? operationValidatorLoaders[operationId]!.request() : operationValidatorLoaders[operationId]!.responses();`,
    `}`,
  ];
  return lines.join("\n") + "\n";
}

function jsPath(path: string): string {
  return path.replace(/\.ts$/, ".js");
}

/** `responseValidators` for a module's single file; `responseValidators_<hash>` for one of its chunks. */
function fileAlias(module: ValidatorModule, path: string): string {
  const base = module === "request" ? "requestValidators" : module === "request-json" ? "requestJsonValidators" : "responseValidators";
  const chunk = /\/([0-9a-f]+)\.ts$/.exec(path);
  return chunk ? `${base}_${chunk[1]}` : base;
}
