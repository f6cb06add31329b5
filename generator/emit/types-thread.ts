import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CacheLocation, UnitCache } from "../cache/store.js";

/** What types-worker.ts is given. */
export interface TypesJob {
  json: string;
  cache: CacheLocation | undefined;
}

/**
 * types.ts's openapi-typescript text for the document `json`, computed in a worker thread: loading
 * openapi-typescript and TypeScript and transforming the document (1.5 s of CPU for Stripe's full spec)
 * then run beside the validators' compilation instead of before it. The worker opens the same unit
 * cache (its kinds are the per-schema and per-path-item types, which the caller's cache never reads).
 * From TypeScript sources (tsx, vitest) there is no compiled worker module: the text is computed here.
 */
export async function typesInThread(json: string, cache: UnitCache, worker: URL | undefined = compiledWorker()): Promise<string> {
  if (!worker) return (await import("./types.js")).typesText(json, cache);
  const job: TypesJob = { json, cache: cache.location };
  return new Promise<string>((resolve, reject) => {
    const thread = worker.pathname.endsWith(".ts")
      ? // from sources (tests): tsx's loader first, then the module
        new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(worker.href)}); })`, { eval: true, workerData: job })
      : new Worker(worker, { workerData: job });
    let answered = false;
    thread.once("message", (text: string) => {
      answered = true;
      resolve(text);
    });
    thread.once("error", reject);
    thread.once("exit", (code) => {
      if (!answered) reject(new Error(`the types worker stopped (exit code ${code}) without an answer`));
    });
  });
}

/** The compiled worker beside this module (dist/), or undefined when running from sources. */
function compiledWorker(): URL | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined;
  const url = new URL("./types-worker.js", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}
