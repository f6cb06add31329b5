// `import { contractTests } from "spec-contract/vitest"`: the contract cases inside a user's own vitest run.
export { contractTests, ContractFailure, type ContractTestsOptions, type ContractMeta } from "./harness/define-suite.js";
