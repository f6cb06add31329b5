// This repository's own APIs, configured as any project's would be (see README, "The config file").
const testKey = "sk_test_ContractHarness0001";
const invalidKey = "sk_test_invalid";

/** @type {import("./config/types.ts").SpecContractConfig} */
export default {
  apis: [
    {
      name: "smartpay-v1",
      spec: "spec/smartpay/v1.yaml",
      output: "generated/smartpay-v1",
      strict: true,
      target: "reference",
      reference: "smartpay",
      auth: { scheme: "basicAuth", env: "SMARTPAY_API_KEY", testKey, invalidKey },
      fixtures: [{ name: "coupon", operationId: "createCoupon", example: "success" }],
      unique: ["#/paths/~1v1~1promotion-codes/post/requestBody/content/application~1json/schema/properties/code"],
    },
    {
      name: "stripe-2024-06-20",
      spec: "spec/stripe/2024-06-20.yaml",
      output: "generated/stripe-2024-06-20",
      strict: true,
      target: "reference",
      reference: "stripe",
      auth: { scheme: "bearerAuth", env: "STRIPE_API_KEY", testKey, invalidKey },
      headers: { "Stripe-Version": "2024-06-20" },
      fixtures: [{ name: "coupon", operationId: "PostCoupons", example: "success" }],
      unique: ["#/paths/~1v1~1promotion_codes/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/code"],
    },
    {
      name: "stripe-2025-09-30.clover",
      spec: "spec/stripe/2025-09-30.clover.yaml",
      output: "generated/stripe-2025-09-30.clover",
      strict: true,
      target: "reference",
      reference: "stripe",
      auth: { scheme: "bearerAuth", env: "STRIPE_API_KEY", testKey, invalidKey },
      headers: { "Stripe-Version": "2025-09-30.clover" },
      fixtures: [{ name: "coupon", operationId: "PostCoupons", example: "success" }],
      unique: ["#/paths/~1v1~1promotion_codes/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/code"],
    },
  ],
};
