import type { LoadRequest } from "./load.js";

/**
 * Create runs against the Stripe reference spread their codes over this many fresh accounts (API
 * keys), taken in turn on every connection: one key holds 100,000 objects at most
 * (DEFAULT_STORE_LIMITS), and a 4 s run at 25,000 req/s would fill one.
 */
export const CREATE_ACCOUNTS = 4;

export const headersFor = (key: string) => ({ authorization: `Bearer ${key}`, "stripe-version": "2024-06-20" });
export const formHeadersFor = (key: string) => ({ ...headersFor(key), "content-type": "application/x-www-form-urlencoded" });

/** One request to the reference as `key`; throws unless it answers 2xx. */
export async function send(url: string, method: string, path: string, key: string, body?: string): Promise<{ text: string; bytes: number }> {
  const res = await fetch(`${url}${path}`, { method, headers: body === undefined ? headersFor(key) : formHeadersFor(key), ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`setup: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { text, bytes: Buffer.byteLength(text) };
}

/** A coupon of `key`'s account on the reference, and the form body that creates a promotion code for it. */
export async function createBody(url: string, key: string): Promise<string> {
  const coupon = JSON.parse((await send(url, "POST", "/v1/coupons", key, "percent_off=10&duration=once")).text) as { id: string };
  // No `code`: the server generates one, so every create succeeds (a fixed code is a duplicate after the first).
  return `coupon=${encodeURIComponent(coupon.id)}`;
}

let accounts = 0;

/**
 * The create requests of one run: CREATE_ACCOUNTS accounts no run has used (a fresh API key each, with
 * its own coupon), so every run starts with empty accounts and none can reach its limit.
 */
export async function freshCreates(referenceUrl: string): Promise<LoadRequest[]> {
  const requests: LoadRequest[] = [];
  for (let i = 0; i < CREATE_ACCOUNTS; i++) {
    const key = `sk_test_benchcreate${String(++accounts).padStart(6, "0")}`;
    requests.push({ method: "POST", path: "/v1/promotion_codes", headers: formHeadersFor(key), body: await createBody(referenceUrl, key) });
  }
  return requests;
}
