import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay } from "../../runtime/client/index.js";
import { generateClient, sendJson, startServer, type GeneratedClient, type TestServer } from "./support.js";

const WIDGET = { id: "wid_1", object: "widget", name: "w", active: true, metadata: {} };
const FAST = { baseDelayMs: 5, maxDelayMs: 20 };

let shop: GeneratedClient;
const servers: TestServer[] = [];
async function server(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

beforeAll(async () => {
  shop = await generateClient("test/client/fixtures/shop.yaml");
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  shop?.remove();
});

describe("retries", () => {
  it("retries 503, 500, 429 and 409 until the server succeeds", async () => {
    const statuses = [503, 500, 429, 409];
    const s = await server((_req, res, i) => (i < statuses.length ? sendJson(res, statuses[i]!, { error: { type: "api_error", message: "busy" } }) : sendJson(res, 200, WIDGET)));
    const client = shop.module.createClient({ baseUrl: s.url, apiKey: "sk_test_1", maxRetries: 4, retry: FAST });
    await expect(client.widgets.retrieve("wid_1")).resolves.toEqual(WIDGET);
    expect(s.requests).toHaveLength(5);
  });

  it("gives up after maxRetries and throws the last ApiError", async () => {
    const s = await server((_req, res) => sendJson(res, 503, { error: { type: "api_error", message: "down" } }, { "request-id": "req_down" }));
    const client = shop.module.createClient({ baseUrl: s.url, maxRetries: 2, retry: FAST });
    const error = await client.widgets.retrieve("wid_1").catch((e: unknown) => e);
    expect(shop.module.isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, requestId: "req_down", body: { error: { message: "down" } } });
    expect(s.requests).toHaveLength(3);
  });

  it("does not retry a 400 or a 404", async () => {
    const s = await server((_req, res) => sendJson(res, 404, { error: { type: "invalid_request_error", message: "No such widget" } }));
    const client = shop.module.createClient({ baseUrl: s.url, maxRetries: 3, retry: FAST });
    await expect(client.widgets.retrieve("nope")).rejects.toMatchObject({ status: 404 });
    expect(s.requests).toHaveLength(1);
  });

  it("waits as long as Retry-After says before retrying", async () => {
    const s = await server((_req, res, i) => (i === 0 ? sendJson(res, 429, { error: { type: "api_error", message: "slow down" } }, { "retry-after": "0.3" }) : sendJson(res, 200, WIDGET)));
    const client = shop.module.createClient({ baseUrl: s.url, maxRetries: 1, retry: FAST });
    const started = performance.now();
    await client.widgets.retrieve("wid_1");
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(s.requests).toHaveLength(2);
  });

  it("honours Stripe-Should-Retry: false on a retryable status, and true on one that is not", async () => {
    const refused = await server((_req, res) => sendJson(res, 409, { error: { type: "idempotency_error", message: "in use" } }, { "stripe-should-retry": "false" }));
    const client = shop.module.createClient({ baseUrl: refused.url, maxRetries: 3, retry: FAST });
    await expect(client.widgets.retrieve("wid_1")).rejects.toMatchObject({ status: 409 });
    expect(refused.requests).toHaveLength(1);
    const forced = await server((_req, res, i) =>
      i === 0 ? sendJson(res, 400, { error: { type: "api_error", message: "lock timeout" } }, { "stripe-should-retry": "true" }) : sendJson(res, 200, WIDGET),
    );
    const again = shop.module.createClient({ baseUrl: forced.url, maxRetries: 3, retry: FAST });
    await expect(again.widgets.retrieve("wid_1")).resolves.toEqual(WIDGET);
    expect(forced.requests).toHaveLength(2);
  });

  it("retries after a connection reset", async () => {
    const s = await server((_req, res, i) => (i === 0 ? res.socket?.destroy() : sendJson(res, 200, WIDGET)));
    const client = shop.module.createClient({ baseUrl: s.url, maxRetries: 1, retry: FAST });
    await expect(client.widgets.retrieve("wid_1")).resolves.toEqual(WIDGET);
    expect(s.requests).toHaveLength(2);
  });

  it("times out on a server that never answers, after every attempt, with a TimeoutError", async () => {
    // Nothing ever answers, so a short timeout cannot cut off a real answer: only lower bounds are asserted.
    const s = await server(() => {});
    const client = shop.module.createClient({ baseUrl: s.url, timeoutMs: 150, maxRetries: 1, retry: FAST });
    const started = performance.now();
    const error = await client.widgets.create({ name: "x" }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
    expect((error as Error).message).toMatch(/PostWidgets: POST http:\/\/127\.0\.0\.1:\d+\/v1\/widgets timed out after 150 ms \(2 attempt/);
    expect(s.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 150 - 5);
  });

  it("throws a ConnectionError naming the URL when nothing listens", async () => {
    const s = await server(() => {});
    const url = s.url;
    await s.close();
    const client = shop.module.createClient({ baseUrl: url, maxRetries: 1, retry: FAST });
    await expect(client.widgets.retrieve("wid_1")).rejects.toThrow(/GetWidgetsWidget: no response from GET http:\/\/127\.0\.0\.1:\d+\/v1\/widgets\/wid_1 after 2 attempt/);
  });
});

describe("Idempotency-Key", () => {
  it("a POST gets one key, generated once and sent unchanged on every retry", async () => {
    const s = await server((_req, res, i) => (i < 2 ? sendJson(res, 500, { error: { type: "api_error", message: "oops" } }) : sendJson(res, 200, WIDGET)));
    const client = shop.module.createClient({ baseUrl: s.url, maxRetries: 2, retry: FAST });
    await client.widgets.create({ name: "w" });
    const keys = s.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it("the key is reused across timeouts too, differs between calls, and can be given", async () => {
    // Only the very first request goes unanswered; the timeout is generous so a slow machine's real
    // answers are never cut off, and keys are grouped by the body they carried, not by position.
    const s = await server((_req, res, i) => (i === 0 ? undefined : sendJson(res, 200, WIDGET)));
    const client = shop.module.createClient({ baseUrl: s.url, timeoutMs: 300, maxRetries: 3, retry: FAST });
    await client.widgets.create({ name: "a" });
    await client.widgets.create({ name: "b" });
    await client.widgets.create({ name: "c" }, { idempotencyKey: "my-key" });
    const keysFor = (name: string) => s.requests.filter((r) => r.body === `name=${name}`).map((r) => r.headers["idempotency-key"]);
    expect(keysFor("a").length).toBeGreaterThanOrEqual(2);
    expect(new Set(keysFor("a")).size).toBe(1);
    expect(keysFor("b")[0]).not.toBe(keysFor("a")[0]);
    expect(new Set(keysFor("c"))).toEqual(new Set(["my-key"]));
  });

  it("a GET sends none", async () => {
    const s = await server((_req, res) => sendJson(res, 200, WIDGET));
    await shop.module.createClient({ baseUrl: s.url }).widgets.retrieve("wid_1");
    expect(s.requests[0]!.headers["idempotency-key"]).toBeUndefined();
  });
});

describe("backoff", () => {
  it("reads Retry-After as seconds or an HTTP date, and caps it", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(retryDelay(1, 120_000, { maxRetryAfterMs: 60_000 })).toBe(60_000);
  });

  it("doubles from the base delay, capped, with jitter in [0.5, 1)", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, undefined, options, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect(retryDelay(2, undefined, options, () => 0.999)).toBe(200);
  });
});
