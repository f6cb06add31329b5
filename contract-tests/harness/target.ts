import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Agent, request } from "undici";
import { describeTransportError } from "./http.js";
import type { LoadedApi } from "./load-api.js";
import { startPrism, type RunningTarget } from "./prism.js";
import { HarnessSetupError } from "./setup-error.js";
import type { TargetKind } from "./types.js";

export interface TargetChoice {
  kind: TargetKind;
  /** for kind "url" */
  url?: string;
}

/** `reference`, `prism` or an http(s) URL. */
export function parseTarget(value: string): TargetChoice | undefined {
  if (value === "reference" || value === "prism") return { kind: value };
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return { kind: "url", url: value };
  } catch {
    // not a URL
  }
  return undefined;
}

export function targetName(choice: TargetChoice): string {
  return choice.kind === "url" ? choice.url! : choice.kind;
}

type StartReference = (api: string, options: { port?: number; host?: string }) => Promise<RunningTarget>;

/** Start (or just point at) the implementation the suite replays against. Failures are setup errors. */
export async function startTarget(cwd: string, api: LoadedApi, choice: TargetChoice, prismStartupMs?: number): Promise<RunningTarget> {
  if (choice.kind === "url") return { url: choice.url!, close: async () => {} };
  if (choice.kind === "prism") {
    try {
      return await startPrism({ root: cwd, specFile: api.config.spec, ...(prismStartupMs ? { startupTimeoutMs: prismStartupMs } : {}) });
    } catch (error) {
      throw new HarnessSetupError((error as Error).message);
    }
  }
  return startReference(api);
}

/** spec-contract's own emulators (reference/ beside the harness), for this repository's APIs. */
async function startReference(api: LoadedApi): Promise<RunningTarget> {
  const provider = api.config.reference;
  if (provider === undefined) throw new HarnessSetupError(`the reference target needs \`reference\` (stripe or smartpay) in ${api.name}'s config; for your own API pass --target <url>`);
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = ["index.ts", "index.js"].map((f) => resolve(here, "../../reference", f));
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new HarnessSetupError("the reference servers are not part of this installation: pass --target <url> or --target prism");
  const mod = (await import(pathToFileURL(file).href)) as { startReference?: StartReference };
  if (typeof mod.startReference !== "function") throw new HarnessSetupError(`${join("reference", "index")} does not export startReference`);
  return mod.startReference(provider, { host: "127.0.0.1", port: 0 });
}

/**
 * Before the first case: does anything answer HTTP at the target? Any status counts; a refused,
 * unresolvable or silent target is a setup error, not a list of failed cases.
 */
export async function probeTarget(url: string, timeoutMs: number): Promise<void> {
  const agent = new Agent({ connect: { timeout: timeoutMs } });
  try {
    const res = await request(url, { method: "GET", dispatcher: agent, signal: AbortSignal.timeout(timeoutMs), headersTimeout: timeoutMs });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
  } catch (error) {
    throw new HarnessSetupError(`the target does not answer: ${describeTransportError(error, url, timeoutMs)}`);
  } finally {
    await agent.destroy();
  }
}
