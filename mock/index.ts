/** A mock server for any OpenAPI document: `startMock({ spec, state, seed })` for tests, `spec-contract mock` on the command line. */
export { buildMock, startMock, type MockOptions, type RunningMock } from "./server.js";
export { runMock } from "./cli.js";
export { parsePrefer, type Preference } from "./prefer.js";
export { DEFAULT_STORE_LIMITS, type StoreLimits } from "./store.js";
