// The package's main entry (`import { defineConfig } from "spec-contract"`).
import type { SpecContractConfig } from "./types.js";

export type { ApiConfig, AuthConfig, FixtureConfig, SpecContractConfig } from "./types.js";

/** Identity function: gives a config file its type in editors. */
export function defineConfig(config: SpecContractConfig): SpecContractConfig {
  return config;
}
