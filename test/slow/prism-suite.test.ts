// Every API's suite against Prism's mock, as vitest tests (`<operationId> › <example name>`).
// Cases Prism cannot answer are classified "not applicable" (see README.md, "Targets: what each can and cannot check") and pass here.
import { contractTests } from "../../contract-tests/vitest.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

for (const api of ["stripe-2024-06-20", "stripe-2025-09-30.clover", "smartpay-v1"]) {
  await contractTests({ cwd: PROJECT_ROOT, api, target: "prism", timeoutMs: 5_000, notApplicable: "pass" });
}
