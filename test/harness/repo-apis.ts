import { loadConfig, pathFromConfig } from "../../config/load.js";
import type { ApiConfig } from "../../config/types.js";
import { loadApi, type LoadedApi } from "../../contract-tests/harness/load-api.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/** One of this repository's APIs as spec-contract.config.mjs configures it (paths relative to the project root). */
export async function repoApiConfig(name: string): Promise<ApiConfig> {
  const loaded = (await loadConfig({ cwd: PROJECT_ROOT }))!;
  const api = loaded.config.apis.find((a) => a.name === name);
  if (!api) throw new Error(`no API '${name}' in ${loaded.file}`);
  return { ...api, spec: pathFromConfig(loaded, PROJECT_ROOT, api.spec), ...(api.output ? { output: pathFromConfig(loaded, PROJECT_ROOT, api.output) } : {}) };
}

const loaded = new Map<string, Promise<LoadedApi>>();

/** One of this repository's APIs, built from its spec once per worker and shared by the tests that read it (none changes it). */
export function loadRepoApi(name: string): Promise<LoadedApi> {
  let api = loaded.get(name);
  if (!api) {
    api = repoApiConfig(name).then((config) => loadApi({ cwd: PROJECT_ROOT, config }));
    loaded.set(name, api);
    api.catch(() => loaded.delete(name));
  }
  return api;
}
