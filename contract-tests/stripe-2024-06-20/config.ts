import type { ApiConfig } from "../harness/types.js";

/** Stripe stripe-2024-06-20: a coupon made through POST /v1/coupons first; ids flow through the spec's links. */
const config: ApiConfig = {
  api: "stripe-2024-06-20",
  reference: "stripe",
  auth: { envVar: "STRIPE_API_KEY", testKey: "sk_test_ContractHarness0001", invalidKey: "sk_test_invalid", scheme: "bearer" },
  versionHeader: "Stripe-Version",
  fixtures: [{ name: "coupon", operationId: "PostCoupons", example: "success" }],
};

export default config;
