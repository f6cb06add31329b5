// The vitest entry the CLI runs (`spec-contract test`): one describe per API, one test per case.
import { inject } from "vitest";
import { defineContractSuite } from "./define-suite.js";
import type { TargetChoice } from "./target.js";

export interface ContractRunConfig {
  root: string;
  apis: string[];
  target: TargetChoice;
  timeoutMs: number;
  /** per API; absent → the API's environment variable, then its test key */
  apiKeys: Record<string, string>;
}

declare module "vitest" {
  export interface ProvidedContext {
    specContract: ContractRunConfig;
  }
}

const run = inject("specContract");
for (const api of run.apis) {
  await defineContractSuite({
    root: run.root,
    api,
    target: run.target,
    timeoutMs: run.timeoutMs,
    ...(run.apiKeys[api] !== undefined ? { apiKey: run.apiKeys[api] } : {}),
  });
}
