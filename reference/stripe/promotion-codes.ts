import { thawed } from "../frozen.js";
import { stripeIds } from "../ids.js";
import { cleanMetadata, liveCoupon, type Answer } from "./coupons.js";
import { limitError, resourceMissing, stripeError } from "./errors.js";
import { couponValid, effectiveActive, expandablePaths, nowSeconds, promotionCodeObject, type StripeVersion } from "./serialize.js";
import type { CouponRecord, PromotionCodeRecord, StripeStore } from "./store.js";

export interface Scope {
  store: StripeStore;
  account: string;
  version: StripeVersion;
}

type Restrictions = {
  first_time_transaction?: boolean;
  minimum_amount?: number;
  minimum_amount_currency?: string;
  currency_options?: Record<string, { minimum_amount?: number }>;
};

export interface CreateInput {
  coupon: string;
  /** how the coupon parameter is named in this version (`coupon`, `promotion[coupon]`) */
  couponParam: string;
  code?: string;
  active?: boolean;
  customer?: string;
  customer_account?: string;
  expires_at?: number;
  max_redemptions?: number;
  metadata?: Record<string, string> | "";
  restrictions?: Restrictions;
  expand?: string[];
}

export interface UpdateInput {
  active?: boolean;
  metadata?: Record<string, string> | "";
  restrictions?: Pick<Restrictions, "currency_options">;
  expand?: string[];
}

/** Expand paths this version accepts, checked before anything happens. */
export function checkExpand(version: StripeVersion, expand: readonly string[] | undefined, prefix = ""): Answer | undefined {
  if (expand === undefined || expand.length === 0) return undefined;
  const allowed = expandablePaths(version).map((p) => `${prefix}${p}`);
  const bad = (expand ?? []).find((path) => !allowed.includes(path));
  return bad === undefined ? undefined : stripeError(400, { message: `This property cannot be expanded (${bad}).`, param: "expand" });
}

/** Expanded customers come from the store: they exist, since a code's customer is checked on create. */
export const customerLookup = (scope: Scope) => (id: string) => scope.store.getCustomer(scope.account, id);

function show(scope: Scope, code: PromotionCodeRecord, coupon: CouponRecord, expand: readonly string[] = []): Answer {
  return { status: 200, body: promotionCodeObject(code, coupon, scope.version, expand, customerLookup(scope)) };
}

/**
 * Stripe's uniqueness rule: an active code clashes with another active code for the same customer
 * whose text is equal regardless of case. The store only offers candidates with equal text. A code
 * past its `expires_at`, used up, or whose coupon is no longer valid is not active, so it frees its text.
 */
const clashesWith = (scope: Scope, record: PromotionCodeRecord) => (existing: PromotionCodeRecord): boolean =>
  existing.id !== record.id &&
  record.active &&
  existing.customer === record.customer &&
  effectiveActive(existing, scope.store.getCoupon(scope.account, existing.coupon));

function duplicate(code: string): Answer {
  return stripeError(400, { message: `An active promotion code with \`code: ${code}\` already exists.`, param: "code" });
}

export function createPromotionCode(scope: Scope, input: CreateInput): Answer {
  const badExpand = checkExpand(scope.version, input.expand);
  if (badExpand) return badExpand;
  const coupon = liveCoupon(scope.store, scope.account, input.coupon);
  if (!coupon) return { ...resourceMissing("coupon", input.coupon, input.couponParam), status: 400 };
  const problem = checkCreate(input, coupon) ?? checkReferences(scope, input);
  if (problem) return problem;
  const record: PromotionCodeRecord = {
    id: stripeIds.promotionCode(),
    code: input.code ?? stripeIds.code(),
    coupon: coupon.id,
    created: nowSeconds(),
    sequence: scope.store.nextSequence(),
    active: input.active ?? true,
    customer: input.customer ?? null,
    customer_account: input.customer_account ?? null,
    expires_at: input.expires_at ?? null,
    max_redemptions: input.max_redemptions ?? null,
    metadata: cleanMetadata(input.metadata),
    restrictions: {
      first_time_transaction: input.restrictions?.first_time_transaction ?? false,
      minimum_amount: input.restrictions?.minimum_amount ?? null,
      minimum_amount_currency: input.restrictions?.minimum_amount_currency ?? null,
      ...(input.restrictions?.currency_options ? { currency_options: currencyOptions(input.restrictions.currency_options) } : {}),
    },
    times_redeemed: 0,
  };
  // One atomic step: of two simultaneous creates with the same code, exactly one gets in.
  const inserted = scope.store.insertPromotionCode(scope.account, record, clashesWith(scope, record));
  if (!inserted.ok) return "clash" in inserted ? duplicate(record.code) : limitError(inserted.full);
  return show(scope, record, coupon, input.expand);
}

function checkCreate(input: CreateInput, coupon: CouponRecord): Answer | undefined {
  if (!couponValid(coupon)) {
    return stripeError(400, { message: `Coupon ${coupon.id} is no longer valid and cannot be used for a promotion code.`, param: input.couponParam });
  }
  if (input.max_redemptions !== undefined && coupon.max_redemptions !== null && input.max_redemptions > coupon.max_redemptions) {
    return stripeError(400, {
      message: `The promotion code's \`max_redemptions\` (${input.max_redemptions}) cannot be greater than the coupon's \`max_redemptions\` (${coupon.max_redemptions}).`,
      param: "max_redemptions",
    });
  }
  if (input.expires_at !== undefined) {
    if (input.expires_at <= nowSeconds()) {
      return stripeError(400, { message: "The `expires_at` timestamp must be in the future.", param: "expires_at" });
    }
    if (coupon.redeem_by !== null && input.expires_at > coupon.redeem_by) {
      return stripeError(400, { message: "The promotion code's `expires_at` cannot be later than the coupon's `redeem_by`.", param: "expires_at" });
    }
  }
  return undefined;
}

/**
 * Referenced objects must exist: Stripe answers `No such customer: 'cus_…'` (400, resource_missing,
 * param customer). The reference has no Accounts API, so a `customer_account` must at least be an
 * `acct_` id (stricter than unchecked; the wording follows Stripe's "No such …" pattern).
 */
function checkReferences(scope: Scope, input: CreateInput): Answer | undefined {
  if (input.customer !== undefined && !scope.store.getCustomer(scope.account, input.customer)) {
    return { ...resourceMissing("customer", input.customer, "customer"), status: 400 };
  }
  if (input.customer_account !== undefined && !/^acct_[A-Za-z0-9]{1,250}$/.test(input.customer_account)) {
    return { ...resourceMissing("account", input.customer_account, "customer_account"), status: 400 };
  }
  return undefined;
}

function currencyOptions(options: Record<string, { minimum_amount?: number }>): Record<string, { minimum_amount: number }> {
  return Object.fromEntries(Object.entries(options).map(([currency, o]) => [currency, { minimum_amount: o.minimum_amount ?? 0 }]));
}

export function updatePromotionCode(scope: Scope, id: string, input: UpdateInput): Answer {
  const badExpand = checkExpand(scope.version, input.expand);
  if (badExpand) return badExpand;
  const stored = scope.store.getPromotionCode(scope.account, id);
  if (!stored) return resourceMissing("promotion code", id, "id");
  const code = thawed(stored);
  const coupon = scope.store.getCoupon(scope.account, code.coupon)!;
  if (input.active === true && !code.active) {
    if (!effectiveActive({ ...code, active: true }, coupon)) {
      return stripeError(400, { message: "This promotion code cannot be reactivated because it is no longer redeemable.", param: "active" });
    }
    const clash = scope.store.promotionCodesNamed(scope.account, code.code).find(clashesWith(scope, { ...code, active: true }));
    if (clash) return duplicate(code.code);
  }
  if (input.active !== undefined) code.active = input.active;
  if (input.metadata !== undefined) {
    const merged = mergeMetadata(code.metadata, input.metadata);
    if (Object.keys(merged).length > 50) return stripeError(400, { message: "Invalid metadata: metadata can have up to 50 keys.", param: "metadata" });
    code.metadata = merged;
  }
  const options = input.restrictions?.currency_options;
  if (options) code.restrictions.currency_options = { ...code.restrictions.currency_options, ...currencyOptions(options) };
  scope.store.savePromotionCode(scope.account, code);
  return show(scope, code, coupon, input.expand);
}

/** `metadata[k]=` removes one key; `metadata=` removes them all. Any key string is kept (`__proto__` too). */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | ""): Record<string, string> {
  if (update === "") return {};
  const merged = new Map(Object.entries(current));
  for (const [key, value] of Object.entries(update)) {
    if (value === "") merged.delete(key);
    else merged.set(key, value);
  }
  return Object.fromEntries(merged); // own data properties, never a prototype setter
}

export function retrievePromotionCode(scope: Scope, id: string, expand: string[] = []): Answer {
  const badExpand = checkExpand(scope.version, expand);
  if (badExpand) return badExpand;
  const code = scope.store.getPromotionCode(scope.account, id);
  if (!code) return resourceMissing("promotion code", id, "id");
  return show(scope, code, scope.store.getCoupon(scope.account, code.coupon)!, expand);
}
