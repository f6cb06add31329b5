import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { startReference, type RunningReference } from "../../reference/index.js";
import { hostileRequest, seeded } from "../reference/helpers/hostile.js";

// A few thousand hostile requests, generated from a fixed seed, on a real port: every answer must be
// a 4xx, never a 5xx (a crash, or a response that broke the spec: response checking is on), never a
// dropped connection. The run stops at a time bound whatever the count.
const PER_API = 1500;
const TIME_BOUND_MS = 90_000;

const servers: Partial<Record<"stripe" | "smartpay", RunningReference>> = {};
const logs: string[] = [];

beforeAll(async () => {
  servers.stripe = await startReference("stripe", { checkResponses: true, log: (line) => logs.push(line) });
  servers.smartpay = await startReference("smartpay", { checkResponses: true, log: (line) => logs.push(line) });
});
afterAll(async () => {
  await servers.stripe?.close();
  await servers.smartpay?.close();
});

describe.each(["stripe", "smartpay"] as const)("fuzz: %s reference", (api) => {
  it(`answers ${PER_API} hostile requests with 4xx only`, async () => {
    const rand = seeded(api === "stripe" ? 20240620 : 1);
    const deadline = Date.now() + TIME_BOUND_MS;
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let sent = 0;
    for (; sent < PER_API && Date.now() < deadline; sent++) {
      const hostile = hostileRequest(rand, api);
      kinds.set(hostile.kind, (kinds.get(hostile.kind) ?? 0) + 1);
      try {
        const res = await request(`${servers[api]!.url}${hostile.path}`, {
          method: hostile.method as "GET",
          headers: hostile.headers,
          ...(hostile.body !== undefined ? { body: hostile.body } : {}),
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        const text = await res.body.text();
        if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`${hostile.kind} ${hostile.method} ${hostile.path}: ${res.statusCode} ${text.slice(0, 200)}`);
      } catch (error) {
        failures.push(`${hostile.kind} ${hostile.method} ${hostile.path}: ${(error as Error).message}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(logs).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    expect(kinds.size).toBe(10);
    const alive = await request(`${servers[api]!.url}/v1/coupons`, { method: "POST" });
    await alive.body.text();
    expect(alive.statusCode).toBe(401);
  }, 120_000);
});
