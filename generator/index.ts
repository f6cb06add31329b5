import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { Diagnostic, DiagnosticCode } from "./diagnostics.js";
import { hasErrors, sortDiagnostics } from "./diagnostics.js";
import { parseSource, type SourceDocument } from "./load/document.js";
import { normalizeRefs } from "./load/refs.js";
import { getAtPointer, joinPointer } from "./load/pointer.js";
import { findInexpressibleCycles } from "./check/cycles.js";
import { checkExamples } from "./check/examples.js";
import { findLintConfig, lintDocument } from "./check/lint.js";
import { buildApi } from "./model/build-api.js";
import { buildExamples, type ExampleModel } from "./model/examples.js";
import { planTypeNames } from "./model/type-names.js";
import { isRecord } from "./model/deref.js";
import { buildSchemaRegistry } from "./schema/registry.js";
import { compileRegistry } from "./schema/compile.js";
import { knownFormats } from "./schema/formats.js";
import { emitTypes } from "./emit/types.js";
import { emitValidators, type EmittedFile } from "./emit/validators.js";
import { emitExamplesAndModel } from "./emit/examples.js";
import { buildManifest, emitManifest } from "./emit/manifest.js";
import { emitServer } from "./emit/server.js";
import { emitClient } from "./emit/client.js";
import { withBanner } from "./render/banner.js";
import { formatTypeScript } from "./render/format.js";

export interface SpecTarget {
  /** path of the OpenAPI document */
  spec: string;
  /** folder the API's files go to */
  out: string;
}

export interface GenerateOptions {
  targets: SpecTarget[];
  /** project root: paths in output and diagnostics are relative to it */
  cwd: string;
  /** formats to accept without a validator (e.g. Stripe's `unix-time`) */
  allowFormats?: readonly string[];
  /** progress lines (stage timings) */
  log?: (line: string) => void;
}

export interface GeneratedApi {
  target: SpecTarget;
  /** relative path inside `out` → content */
  files: Map<string, string>;
}

export interface GenerateResult {
  apis: GeneratedApi[];
  diagnostics: Diagnostic[];
}

/** load → check → model → emit, for every target. Pure: reads the specs, writes nothing. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const apis: GeneratedApi[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of options.targets) {
    const result = await generateOne(target, options);
    diagnostics.push(...result.diagnostics);
    if (result.files) apis.push({ target, files: result.files });
  }
  return { apis, diagnostics: sortDiagnostics(diagnostics) };
}

function displayPath(cwd: string, file: string): string {
  // Always relative: no machine paths in output or messages.
  return relative(cwd, resolve(cwd, file)).split(sep).join("/");
}

async function generateOne(
  target: SpecTarget,
  options: GenerateOptions,
): Promise<{ files?: Map<string, string>; diagnostics: Diagnostic[] }> {
  const log = options.log ?? (() => {});
  const absolute = resolve(options.cwd, target.spec);
  const file = displayPath(options.cwd, target.spec);
  const timer = stageTimer(log, file);
  const { doc, diagnostics: parseDiagnostics } = parseSource(file, readFileSync(absolute, "utf8"));
  if (!doc) return { diagnostics: parseDiagnostics };
  const diagnostics: Diagnostic[] = [];
  const at = (code: DiagnosticCode, severity: Diagnostic["severity"], pointer: string, message: string): void => {
    const pos = doc.locate(pointer);
    diagnostics.push({ code, severity, message, pointer, file, line: pos.line, column: pos.column });
  };
  if (!isOpenApi3(doc)) {
    at("SC002", "error", "#/openapi", "expected `openapi: 3.0.x` or `openapi: 3.1.x` at the top level");
    return { diagnostics };
  }
  const normalized = normalizeRefs(doc, (path) => loadExternal(path, options.cwd), absolute);
  diagnostics.push(...normalized.diagnostics);
  const root = normalized.root as Record<string, unknown>;
  for (const finding of findInexpressibleCycles(root)) {
    at("SC004", "error", joinPointer(finding.pointer, "$ref"), `$ref cycle with no object or array in between: ${finding.cycle.join(" → ")}`);
    breakCycle(root, finding.pointer);
  }
  timer("load");

  const api = buildApi(root, {
    warn: (code, pointer, message) => at(code, "warning", pointer, message),
    error: (code, pointer, message) => at(code, "error", pointer, message),
  });
  const ids = new Set(api.operations.map((o) => o.operationId));
  for (const op of api.operations) {
    for (const link of op.responses.flatMap((r) => r.links)) {
      if (!ids.has(link.operationId)) at("SC012", "error", joinPointer(link.pointer, "operationId"), `no operation '${link.operationId}'`);
    }
  }
  const lintConfig = findLintConfig(absolute, options.cwd);
  if (lintConfig) diagnostics.push(...(await lintDocument(doc, absolute, lintConfig)));
  timer("model+lint");

  const names = planTypeNames(api);
  const allowed = new Set([...knownFormats(), ...(options.allowFormats ?? [])]);
  // Unknown formats: one diagnostic per format, at its first use, with the count of uses.
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
    report: (code, pointer, message) => at(code, "warning", pointer, message),
  });
  for (const [format, { pointer, uses }] of unknownFormats) {
    const where = uses > 1 ? ` (used in ${uses} places; this is the first)` : "";
    at("SC007", "error", pointer, `unknown format '${format}'${where}; pass --allow-format ${format} to accept any value`);
  }
  const compiled = compileRegistry(registry, [...(options.allowFormats ?? []), ...unknownFormats.keys()]);
  for (const failure of compiled.failures) at("SC009", "error", failure.spec.pointer, failure.message);
  timer("compile");

  const examples: ExampleModel[] = [];
  const allValidators = new Map(compiled.modules.flatMap((m) => [...m.validators]));
  const responseAjv = compiled.modules.find((m) => m.module === "response")!.ajv;
  for (const operation of api.operations) {
    const built = buildExamples(root, operation);
    examples.push(...built.examples);
    for (const value of built.unpaired) {
      at("SC013", "warning", value.pointer, "request example has no response example of the same name");
    }
    const problems = checkExamples({
      operation,
      examples: built.examples,
      names,
      validators: allValidators,
      compileAt: (pointer) => {
        try {
          return responseAjv.compile(registry.convertAt(pointer));
        } catch {
          return undefined;
        }
      },
    });
    for (const p of problems) at("SC006", "error", p.pointer, p.message);
  }
  timer("examples");
  if (hasErrors(diagnostics)) return { diagnostics };

  const emitted: EmittedFile[] = [
    // openapi-typescript prints with the TypeScript printer: already formatted, and Prettier would
    // triple the run time on large specs (3.7 s of 12 s on Stripe's).
    { path: "types.ts", content: await emitTypes(root, api, names), format: false },
    ...emitValidators(compiled.modules, registry, api, names),
    ...emitExamplesAndModel({ source: file, api, examples, registry }),
    // Hashes of the document as written (before $ref normalisation): what --check reports as changed.
    emitManifest(buildManifest(file, doc.root as Record<string, unknown>)),
    ...emitServer(api, names),
    ...emitClient(api, names),
  ];
  timer("emit");
  const files = new Map<string, string>();
  for (const f of emitted.sort((a, b) => a.path.localeCompare(b.path))) {
    const content = f.format ? await formatTypeScript(f.content) : f.content;
    files.set(f.path, withBanner(f.path, content, file));
  }
  timer("format");
  return { files, diagnostics };
}

/** Replace the `$ref` that closes a reported cycle with an empty schema, so later checks terminate. */
function breakCycle(root: Record<string, unknown>, pointer: string): void {
  const node = getAtPointer(root, pointer);
  if (isRecord(node)) delete node.$ref;
}

function isOpenApi3(doc: SourceDocument): boolean {
  return isRecord(doc.root) && typeof doc.root.openapi === "string" && /^3\.[01]\.\d+/.test(doc.root.openapi);
}

function loadExternal(path: string, cwd: string): SourceDocument | undefined {
  try {
    return parseSource(displayPath(cwd, path), readFileSync(path, "utf8")).doc;
  } catch {
    return undefined;
  }
}

function stageTimer(log: (line: string) => void, file: string): (stage: string) => void {
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    log(`${file}: ${stage} ${Math.round(now - last)} ms`);
    last = now;
  };
}
