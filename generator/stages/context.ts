import type { Diagnostic, DiagnosticCode } from "../../document/diagnostics.js";
import type { SourceDocument } from "../../document/source.js";
import type { InputLimits } from "../../document/limits.js";
import { NO_CACHE, type UnitCache } from "../cache/store.js";

/** What every stage of one document's run shares: the document, options, and the diagnostic sink. */
export interface StageContext {
  /** the spec path as shown to users (relative to the project) */
  file: string;
  absolute: string;
  /** fetched from an http(s) URL: no `$ref` outside the document is read (nothing local) */
  remote?: boolean;
  cwd: string;
  doc: SourceDocument;
  allowFormats: readonly string[];
  limits: InputLimits;
  /** every warning is reported as an error (`--strict`) */
  strict: boolean;
  /** a validator for every component schema, not only those the operations use */
  allSchemaValidators?: boolean;
  /** split a validator module printing to more characters than this into chunks (schema/chunks.ts; default CHUNK_ABOVE_CHARS) */
  chunkValidatorsAbove?: number;
  /** output units cached by content hash (generator/cache/store.ts); NO_CACHE when off */
  cache: UnitCache;
  diagnostics: Diagnostic[];
  report(code: DiagnosticCode, severity: Diagnostic["severity"], pointer: string, message: string): void;
  /** A fact about the document that does not stop correct output: a warning, or an error under `--strict`. */
  warn(code: DiagnosticCode, pointer: string, message: string): void;
  /** the other local files the spec's `$ref`s read (set by the load stage), by path, parsed */
  refFiles: { file: string; root: unknown }[];
}

export function createContext(input: Omit<StageContext, "diagnostics" | "report" | "warn" | "cache" | "refFiles"> & { cache?: UnitCache }): StageContext {
  const diagnostics: Diagnostic[] = [];
  const report: StageContext["report"] = (code, severity, pointer, message) => {
    const pos = input.doc.locate(pointer);
    diagnostics.push({ code, severity: input.strict && severity === "warning" ? "error" : severity, message, pointer, file: input.file, line: pos.line, column: pos.column });
  };
  return { ...input, cache: input.cache ?? NO_CACHE, diagnostics, report, warn: (code, pointer, message) => report(code, "warning", pointer, message), refFiles: [] };
}

/** The stages of one document's run, in order; the progress lines and the README name them so. */
export type StageName = "load" | "check" | "model" | "emit" | "javascript" | "write";

/** Logs each stage's duration and the process's memory as `<file>: <stage> <ms> ms, rss <MiB> MiB`. */
export function stageTimer(log: (line: string) => void, file: string): (stage: StageName) => void {
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    const rss = Math.round(process.memoryUsage.rss() / 1024 ** 2);
    log(`${file}: ${stage} ${Math.round(now - last)} ms, rss ${rss} MiB`);
    last = now;
  };
}
