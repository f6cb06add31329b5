import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

/** A spec fetched over HTTP is bounded: at most this many bytes… */
export const MAX_REMOTE_SPEC_BYTES = 64 * 1024 * 1024;
/** …and this long from request to the last byte. */
export const REMOTE_SPEC_TIMEOUT_MS = 30_000;

/** A spec's text and how to name it. */
export interface SpecText {
  /** how messages and banners name it: the path as given, or the URL without credentials or query */
  display: string;
  text: string;
  /** the local path (for relative `$ref`s); for a URL, a path no external `$ref` may read from */
  absolute: string;
  /** fetched over http(s): its `$ref`s must stay inside the document */
  remote: boolean;
}

export class SpecReadError extends Error {}

export interface ReadSpecLimits {
  maxBytes?: number;
  timeoutMs?: number;
}

/** `http://…` or `https://…` (as openapi-typescript accepts); anything else is a path. */
export function isSpecUrl(spec: string): boolean {
  return /^https?:\/\//i.test(spec);
}

/** Read a spec from a path (relative to `cwd`) or an http(s) URL, bounded in size and time. */
export async function readSpecText(spec: string, cwd: string, limits: ReadSpecLimits = {}): Promise<SpecText> {
  if (!isSpecUrl(spec)) {
    const absolute = resolve(cwd, spec);
    try {
      return { display: spec, text: await readFile(absolute, "utf8"), absolute, remote: false };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new SpecReadError(`cannot read ${spec}: ${e.code === "ENOENT" ? "no such file" : (e.code ?? e.message)}`);
    }
  }
  const display = displayUrl(spec);
  const text = await fetchText(spec, display, { maxBytes: limits.maxBytes ?? MAX_REMOTE_SPEC_BYTES, timeoutMs: limits.timeoutMs ?? REMOTE_SPEC_TIMEOUT_MS });
  return { display, text, absolute: resolve(cwd, ".spec-contract-remote", "openapi"), remote: true };
}

/** The URL as shown: no user name, password or query string (they may carry keys). */
export function displayUrl(spec: string): string {
  try {
    const url = new URL(spec);
    return `${url.protocol}//${url.host}${url.pathname}${url.search ? "?…" : ""}`;
  } catch {
    return "<invalid URL>";
  }
}

async function fetchText(url: string, display: string, limits: Required<ReadSpecLimits>): Promise<string> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(url, { signal, headers: { accept: "application/yaml, application/json;q=0.9, */*;q=0.5" } });
    if (!response.ok) throw new SpecReadError(`cannot fetch ${display}: HTTP ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > limits.maxBytes) throw tooLarge(display, limits.maxBytes);
    return await readCapped(response, display, limits.maxBytes);
  } catch (error) {
    if (error instanceof SpecReadError) throw error;
    if (signal.aborted) throw new SpecReadError(`cannot fetch ${display}: no complete answer within ${limits.timeoutMs / 1000} s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new SpecReadError(`cannot fetch ${display}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}

async function readCapped(response: Response, display: string, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(display, maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

function tooLarge(display: string, maxBytes: number): SpecReadError {
  return new SpecReadError(`cannot fetch ${display}: larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
}
