// Every API's suite against the reference server, as vitest tests (`<operationId> › <example name>`).
// Nothing is "not applicable" here: the reference must answer every case.
import { contractTests } from "../../contract-tests/vitest.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

for (const api of ["stripe-2024-06-20", "stripe-2025-09-30.clover", "smartpay-v1"]) {
  await contractTests({ cwd: PROJECT_ROOT, api, target: "reference", timeoutMs: 5_000 });
}
