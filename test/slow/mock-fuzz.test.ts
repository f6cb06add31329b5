import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { createRandom, type Random } from "../../mock/random.js";
import { startMock, type RunningMock } from "../../mock/server.js";
import { stripeSpecPath } from "../fixtures/specs/stripe.js";
import { ROOT } from "../mock/helpers.js";

// 1,000 hostile requests from a fixed seed against the mock of Stripe's full description (with
// state), on a real port: no 5xx, no dropped connection, and the server still answers afterwards.
// Requests go to 40 operations chosen by the seed (each operation compiles its validators on first
// use). The run stops at a time bound whatever the count.
const COUNT = 1000;
const TIME_BOUND_MS = 150_000;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ spec: stripeSpecPath(), cwd: ROOT, state: true, seed: 99 });
}, 60_000);
afterAll(() => mock?.close());

const WEIRD = ["", "-1", "1e309", "NaN", "null", "[]", "0x10", "9".repeat(400), "%00", "💥", "a".repeat(6000), "__proto__", "../../etc/passwd"];
const AUTH = ["Bearer sk_test_x", "Bearer sk_test_x", "Bearer sk_test_x", "", "Bearer ", "Basic !!!", "Digest x", `Bearer ${"x".repeat(5000)}`];

interface Hostile {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function hostile(random: Random, ops: { method: string; path: string }[]): Hostile {
  const op = random.pick(ops);
  const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(random.pick(["x", "cus_123", ...WEIRD])).slice(0, 900));
  const authorization = random.pick(AUTH);
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const form = { ...headers, "content-type": "application/x-www-form-urlencoded" };
  const kinds: Record<string, () => Hostile> = {
    weirdValues: () => ({ kind: "weirdValues", method: op.method, path, headers: form, body: `${random.pick(["expand[]", "metadata[a]", "limit", "amount", "email"])}=${encodeURIComponent(random.pick(WEIRD))}` }),
    deepNesting: () => ({ kind: "deepNesting", method: op.method, path, headers: form, body: `metadata${"[a]".repeat(random.int(5, 3000))}=1` }),
    hugeBody: () => ({ kind: "hugeBody", method: "POST", path, headers: form, body: `description=${"A".repeat(1_100_000)}` }),
    manyParams: () => ({ kind: "manyParams", method: op.method, path, headers: form, body: Array.from({ length: 1500 }, (_, i) => `metadata[k${i}]=v`).join("&") }),
    badEncoding: () => ({ kind: "badEncoding", method: "POST", path, headers: form, body: Uint8Array.from([0x61, 0x3d, 0xff, 0xfe, 0x25, 0x7a, 0xc3, 0x28]) }),
    pollution: () => ({ kind: "pollution", method: op.method, path, headers: form, body: random.pick(["__proto__[admin]=1", "constructor[prototype][x]=1", "metadata[__proto__][x]=1"]) }),
    jsonBody: () => ({ kind: "jsonBody", method: op.method, path, headers: { ...headers, "content-type": "application/json" }, body: random.pick(['{"__proto__":{"a":1}}', "[".repeat(4000), "{", '{"a":'.repeat(100)]) }),
    oddContentType: () => ({ kind: "oddContentType", method: "POST", path, headers: { ...headers, "content-type": random.pick(["text/plain", "application/xml", "multipart/form-data; boundary=x", "*/*"]) }, body: "<a/>" }),
    badQuery: () => ({ kind: "badQuery", method: "GET", path: `${path}?${random.pick(["limit=-5", "limit[a]=1", "expand=", "created[gt][x]=1", "a[b][c][d][e][f][g][h][i][j]=1", "%zz=1", "starting_after[]=x"])}`, headers }),
    badPath: () => ({ kind: "badPath", method: random.pick(["GET", "POST", "DELETE"]), path: `${path}%zz%E0%A4%A`, headers }),
  };
  return kinds[random.pick(Object.keys(kinds).sort())]!();
}

describe("fuzz: mock of Stripe's full description", () => {
  it(`answers ${COUNT} hostile requests without a 5xx and keeps answering`, async () => {
    const random = createRandom(20261201);
    const all = mock.spec.model.operations.map((o) => ({ method: o.method.toUpperCase(), path: o.path }));
    const ops = Array.from({ length: 40 }, () => random.pick(all));
    const deadline = Date.now() + TIME_BOUND_MS;
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (; sent < COUNT && Date.now() < deadline; sent++) {
      const h = hostile(random, ops);
      try {
        const res = await request(`${mock.url}${h.path}`, {
          method: h.method as "GET",
          headers: h.headers,
          ...(h.body !== undefined && h.method !== "GET" ? { body: h.body } : {}),
          headersTimeout: 15_000,
          bodyTimeout: 15_000,
        });
        const text = await res.body.text();
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) failures.push(`${h.kind} ${h.method} ${h.path.slice(0, 80)}: ${res.statusCode} ${text.slice(0, 200)}`);
      } catch (error) {
        failures.push(`${h.kind} ${h.method} ${h.path.slice(0, 80)}: ${(error as Error).message}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    const fourXx = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(fourXx).toBeGreaterThan(sent / 2);
    const alive = await request(`${mock.url}/v1/customers`, { method: "GET", headers: { authorization: "Bearer sk_test_x" } });
    await alive.body.text();
    expect(alive.statusCode).toBe(200);
  }, 200_000);
});
