import { ConfigError, loadConfig, pathFromConfig, selectApis } from "../config/load.js";
import type { SpecTarget } from "./index.js";

/** One configured API as `generate` takes it: paths relative to the cwd, with its own options. */
export interface ConfiguredTarget extends SpecTarget {
  name: string;
  strict: boolean;
  allowFormats: string[];
  allSchemaValidators: boolean;
}

/**
 * The APIs of the nearest spec-contract.config.* (or `--config`), all or those named, with paths
 * relative to the config's folder (`root`): generated output names the spec relative to it, so it
 * is the same bytes from whatever folder the command runs. Undefined when there is no config.
 * Throws ConfigError for a bad config, an unknown name or a missing `output`.
 */
export async function configuredTargets(cwd: string, options: { file?: string; names?: readonly string[] } = {}): Promise<{ file: string; root: string; targets: ConfiguredTarget[] } | undefined> {
  const loaded = await loadConfig({ cwd, ...(options.file !== undefined ? { file: options.file } : {}) });
  if (!loaded) return undefined;
  const selected = selectApis(loaded.config, options.names ?? []);
  if (typeof selected === "string") throw new ConfigError(selected);
  const targets = selected.map((api, i) => {
    if (api.output === undefined) throw new ConfigError(`${loaded.file}: apis[${loaded.config.apis.indexOf(api) >= 0 ? loaded.config.apis.indexOf(api) : i}].output is needed to generate ${api.name}`);
    return {
      name: api.name,
      spec: pathFromConfig(loaded, loaded.dir, api.spec),
      out: pathFromConfig(loaded, loaded.dir, api.output),
      strict: api.strict ?? false,
      allowFormats: api.allowFormats ?? [],
      allSchemaValidators: api.allSchemaValidators ?? false,
    };
  });
  return { file: loaded.file, root: loaded.dir, targets };
}
