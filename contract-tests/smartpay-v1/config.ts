import type { ApiConfig } from "../harness/types.js";

/** Smartpay v1: a coupon made through POST /v1/coupons first; ids flow through the spec's links. */
const config: ApiConfig = {
  api: "smartpay-v1",
  reference: "smartpay",
  auth: { envVar: "SMARTPAY_API_KEY", testKey: "sk_test_ContractHarness0001", invalidKey: "sk_test_invalid", scheme: "basic" },
  fixtures: [{ name: "coupon", operationId: "createCoupon", example: "success" }],
};

export default config;
