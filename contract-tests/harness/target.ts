import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { LoadedApi } from "./load-api.js";
import { startPrism, type RunningTarget } from "./prism.js";
import type { TargetKind } from "./types.js";

export interface TargetChoice {
  kind: TargetKind;
  /** for kind "url" */
  url?: string;
}

/** `reference`, `prism`, `mock` or an http(s) URL. */
export function parseTarget(value: string): TargetChoice | undefined {
  if (value === "reference" || value === "prism" || value === "mock") return { kind: value };
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return { kind: "url", url: value };
  } catch {
    // not a URL
  }
  return undefined;
}

type StartReference = (api: "stripe" | "smartpay", options: { port?: number; host?: string }) => Promise<RunningTarget>;

/** Start (or just point at) the implementation the suite replays against. */
export async function startTarget(root: string, api: LoadedApi, choice: TargetChoice): Promise<RunningTarget> {
  if (choice.kind === "url") return { url: choice.url!, close: async () => {} };
  if (choice.kind === "prism") return startPrism({ root, specFile: api.model.source });
  if (choice.kind === "mock") {
    // spec-contract's own mock, in-process, with state so the suite's links (create, then read) hold
    const { startMock } = await import("../../mock/server.js");
    return startMock({ spec: api.model.source, cwd: root, state: true, seed: 1 });
  }
  const file = join(root, "reference", "index.ts");
  if (!existsSync(file)) throw new Error(`the reference server is not available: ${file} is missing`);
  const mod = (await import(pathToFileURL(file).href)) as { startReference?: StartReference };
  if (typeof mod.startReference !== "function") throw new Error(`reference/index.ts does not export startReference`);
  return mod.startReference(api.config.reference, { host: "127.0.0.1", port: 0 });
}
