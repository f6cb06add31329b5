/**
 * Compile-time tests of the generated clients, checked by test/typecheck.test.ts (with the whole project).
 * Every `@ts-expect-error` line must fail to compile; test/typecheck.test.ts also proves each one fails
 * for the reason its comment names. Nothing here runs: the functions are only type-checked.
 */
import { createClient as createStripe, isApiError as isStripeError } from "../../generated/stripe-2024-06-20/client.js";
import { createClient as createClover } from "../../generated/stripe-2025-09-30.clover/client.js";
import { createClient as createSmartpay, isApiError as isSmartpayError, type CreatePromotionCodeError } from "../../generated/smartpay-v1/client.js";

export async function stripeTypes(): Promise<void> {
  const stripe = createStripe({ baseUrl: "http://127.0.0.1:1", apiKey: "sk_test_x" });
  const code = await stripe.promotionCodes.create({ coupon: "co_1", code: "SPRING25", metadata: { a: "b" }, expand: ["coupon"] });
  const id: string = code.id;
  await stripe.promotionCodes.update(id, { metadata: "" });
  await stripe.promotionCodes.retrieve(id);
  const page = await stripe.promotionCodes.list({ limit: 100, created: { gte: 1 } });
  const more: boolean = page.has_more;
  for await (const item of stripe.promotionCodes.list()) {
    const itemCode: string = item.code;
    void itemCode;
  }
  void more;
  // missing-required: `coupon` is required
  // @ts-expect-error
  await stripe.promotionCodes.create({ code: "SPRING25" });
  // missing-required: the path parameter
  // @ts-expect-error
  await stripe.promotionCodes.retrieve();
  // wrong-type: limit is an integer
  // @ts-expect-error
  await stripe.promotionCodes.list({ limit: "100" });
  // wrong-type: active is a boolean
  // @ts-expect-error
  await stripe.promotionCodes.update(id, { active: "yes" });
  // unknown-parameter: no `colour` on create
  // @ts-expect-error
  await stripe.promotionCodes.create({ coupon: "co_1", colour: "red" });
  // unknown-parameter: no `limitt` on list
  // @ts-expect-error
  await stripe.promotionCodes.list({ limitt: 10 });
  // wrong-type: results are typed (no `nope` on a promotion code)
  // @ts-expect-error
  void code.nope;
  try {
    await stripe.coupons.retrieve("co_1");
  } catch (error) {
    if (isStripeError(error)) {
      const message: string | undefined = error.body?.error.message;
      const status: number = error.status;
      const requestId: string | undefined = error.requestId;
      void [message, status, requestId];
      // wrong-type: Stripe errors have no `errorCode`
      // @ts-expect-error
      void error.body?.errorCode;
    }
  }
}

export async function cloverTypes(): Promise<void> {
  const clover = createClover({ baseUrl: "http://127.0.0.1:1", apiKey: "sk_test_x", apiVersion: "2025-09-30.clover" });
  await clover.promotionCodes.create({ promotion: { type: "coupon", coupon: "co_1" }, code: "SPRING-25" });
  // unknown-parameter: clover replaced `coupon` with `promotion`
  // @ts-expect-error
  await clover.promotionCodes.create({ promotion: { type: "coupon", coupon: "co_1" }, coupon: "co_1" });
  // missing-required: `promotion` is required
  // @ts-expect-error
  await clover.promotionCodes.create({ code: "SPRING-25" });
}

export async function smartpayTypes(): Promise<void> {
  const smartpay = createSmartpay({ baseUrl: "http://127.0.0.1:1", apiKey: "sk_test_x" });
  const coupon = await smartpay.coupons.create({ name: "10%", discountType: "percentage", discountPercentage: 10 });
  const code = await smartpay.promotionCodes.create({ coupon: coupon.id, code: "SPRING25" });
  const createdAt: number = code.createdAt;
  await smartpay.promotionCodes.update(code.id, { active: false });
  for await (const item of smartpay.promotionCodes.list({ maxResults: 100 })) void item.onePerCustomer;
  void createdAt;
  // missing-required: `code` is required
  // @ts-expect-error
  await smartpay.promotionCodes.create({ coupon: coupon.id });
  // wrong-type: discountType is an enum
  // @ts-expect-error
  await smartpay.coupons.create({ name: "x", discountType: "half", discountPercentage: 50 });
  // unknown-parameter: Smartpay bodies are camelCase
  // @ts-expect-error
  await smartpay.promotionCodes.update(code.id, { one_per_customer: true });
  try {
    await smartpay.promotionCodes.create({ coupon: "c", code: "X" });
  } catch (error) {
    if (isSmartpayError(error)) {
      const errorCode: string | undefined = error.body?.errorCode;
      void errorCode;
    }
    const typed = error as CreatePromotionCodeError;
    const status: number | undefined = typed.body?.statusCode;
    void status;
  }
}
