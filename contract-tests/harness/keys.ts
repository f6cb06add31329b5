import { needsKey } from "./auth.js";
import type { LoadedApi } from "./load-api.js";
import type { TargetKind } from "./types.js";

/**
 * The key one API's run sends: `--api-key`, else the configured environment variable, else the
 * configured test key. An API whose spec has no security needs none and gets no warning; a real
 * target without a key gets one warning.
 */
export function resolveKey(input: { explicit?: string; api: LoadedApi; target: TargetKind; env?: Record<string, string | undefined> }): { key: string; warning?: string } {
  const { api } = input;
  if (!needsKey(api.model)) return { key: input.explicit ?? "" };
  if (input.explicit !== undefined) return { key: input.explicit };
  const envName = api.config.auth?.env;
  const fromEnv = envName !== undefined ? (input.env ?? process.env)[envName] : undefined;
  if (fromEnv !== undefined && fromEnv !== "") return { key: fromEnv };
  const testKey = api.config.auth?.testKey ?? "";
  if (input.target !== "url") return { key: testKey || "test-key" };
  const where = envName !== undefined ? `set ${envName} or pass --api-key` : "pass --api-key or set auth.env in the config";
  return { key: testKey, warning: `${api.name}: no API key (${where}); ${testKey ? "sending the configured test key" : "requests go without credentials"}` };
}
