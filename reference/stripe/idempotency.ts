import type { RequestContext } from "../../runtime/server/index.js";
import type { Answer } from "./coupons.js";
import { stripeError } from "./errors.js";
import { apiKeyOf } from "./account.js";
import { requestIdOf } from "./request-id.js";
import type { StripeStore } from "./store.js";

export type IdempotentAnswer = Answer & { headers?: Record<string, string> };

/** JSON with sorted keys: the same parameters give the same text, whatever their order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Idempotency-Key on POST: the first result is stored (per API key) and replayed with
 * `Idempotent-Replayed: true`; the same key with other parameters or on another endpoint is refused.
 * Check, run and save happen in one synchronous step, so concurrent retries cannot both run.
 */
export function idempotent(store: StripeStore, ctx: RequestContext<unknown, unknown, unknown, unknown>, run: () => Answer): IdempotentAnswer {
  const key = (ctx.headers as Record<string, string | undefined>)["idempotency-key"];
  if (!key) return run();
  const account = apiKeyOf(ctx.auth);
  const endpoint = ctx.request.url.split("?")[0]!;
  const fingerprint = stableJson({ params: ctx.params, body: ctx.body ?? {} });
  const stored = store.getIdempotent(account, key);
  if (stored) {
    if (stored.endpoint !== endpoint) {
      return stripeError(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    if (stored.fingerprint !== fingerprint) {
      return stripeError(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    return {
      ...(structuredClone({ status: stored.status, body: stored.body }) as Answer),
      headers: { "Idempotent-Replayed": "true", "Original-Request": stored.requestId, "Idempotency-Key": key },
    };
  }
  const answer = run();
  store.saveIdempotent(account, key, { fingerprint, endpoint, status: answer.status, body: structuredClone(answer.body), requestId: requestIdOf(ctx.request) });
  return { ...answer, headers: { "Idempotency-Key": key } };
}
