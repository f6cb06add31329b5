/**
 * spec-contract's programmatic entry: the generator and the spec-vs-spec diff, as the CLI uses them.
 * Generated code never imports this package: its runtime is emitted beside it.
 */
export { generate, type GenerateOptions, type GenerateResult, type GeneratedApi, type SpecTarget } from "./generator/index.js";
export type { Diagnostic } from "./document/diagnostics.js";
export { defineConfig, type ApiConfig, type AuthConfig, type FixtureConfig, type SpecContractConfig } from "./config/index.js";
export { startMock } from "./mock/server.js";
