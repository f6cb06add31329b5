import { afterAll, describe, expect, it } from "vitest";
import { buildMock } from "../../mock/server.js";
import { KEY, petsMock, responseErrors, ROOT } from "./helpers.js";

// The mock of a small fixture, through inject: routes, validation, auth, Prefer, generated data.
const mock = petsMock();
afterAll(() => mock.app.close());

const inject = (method: string, url: string, options: { headers?: Record<string, string>; body?: unknown } = {}) =>
  mock.app.inject({
    method: method as "GET",
    url,
    headers: { ...KEY, ...(options.body !== undefined ? { "content-type": "application/json" } : {}), ...options.headers },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });

describe("mock: routes and answers", () => {
  it("has a route for every operation, each answering its lowest documented 2xx", async () => {
    const calls: [string, string, string, unknown?][] = [
      ["createPet", "POST", "/pets", { name: "Rex", kind: "dog" }],
      ["listPets", "GET", "/pets"],
      ["getPet", "GET", "/pets/pet_1"],
      ["updatePet", "PATCH", "/pets/pet_1", { name: "Max" }],
      ["deletePet", "DELETE", "/pets/pet_1"],
      ["listOwners", "GET", "/owners"],
      ["getShapes", "GET", "/shapes"],
      ["createToy", "POST", "/owners/o1/toys", { name: "ball" }],
      ["listToys", "GET", "/owners/o1/toys"],
    ];
    expect(calls.map(([id]) => id).sort()).toEqual(mock.spec.model.operations.map((o) => o.operationId).sort());
    const statuses: Record<string, number> = {};
    for (const [id, method, url, body] of calls) {
      const res = await inject(method, url, body === undefined ? {} : { body });
      statuses[id] = res.statusCode;
      expect(responseErrors(mock, id, res), id).toEqual([]);
    }
    expect(statuses).toEqual({ createPet: 201, listPets: 200, getPet: 200, updatePet: 200, deletePet: 204, listOwners: 200, getShapes: 200, createToy: 200, listToys: 200 });
  });

  it("answers the first documented example by default, and the one Prefer names", async () => {
    expect((await inject("GET", "/pets/pet_1")).json().name).toBe("Rex");
    expect((await inject("GET", "/pets/pet_1", { headers: { prefer: "example=tom" } })).json().name).toBe("Tom");
  });

  it("sends an example as the JSON media type Fastify sends, the same bytes every time", async () => {
    const answers = [await inject("GET", "/pets/pet_1"), await inject("GET", "/pets/pet_1"), await inject("GET", "/pets/pet_1", { headers: { prefer: "example=tom" } })];
    for (const res of answers) expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(answers[1]!.body).toBe(answers[0]!.body);
    expect(answers.map((res) => res.json().name)).toEqual(["Rex", "Rex", "Tom"]);
    const generated = await inject("GET", "/pets/pet_1", { headers: { prefer: "dynamic=true" } });
    expect(generated.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("answers the status Prefer's code asks for, with data for its schema", async () => {
    const res = await inject("GET", "/pets/pet_1", { headers: { prefer: "code=404" } });
    expect(res.statusCode).toBe(404);
    expect(responseErrors(mock, "getPet", res)).toEqual([]);
  });

  it("refuses a Prefer it cannot honour, as Prism does (404 naming what is missing), statelessly and with --state", async () => {
    const stateful = petsMock({ state: true });
    try {
      for (const app of [mock.app, stateful.app]) {
        const code = await app.inject({ method: "GET", url: "/pets/pet_1", headers: { ...KEY, prefer: "code=500" } });
        expect(code.statusCode).toBe(404);
        expect(code.body).toContain("Prefer: code=500: getPet documents no 500 response (it documents 200, 404");
        const example = await app.inject({ method: "GET", url: "/pets/pet_1", headers: { ...KEY, prefer: "example=nope" } });
        expect(example.statusCode).toBe(404);
        expect(example.body).toContain("Prefer: example=nope: the 200 response of getPet has no example 'nope' (it has rex, tom)");
      }
    } finally {
      await stateful.app.close();
    }
  });

  it("generates data instead of the example with Prefer: dynamic=true", async () => {
    const res = await inject("GET", "/pets/pet_1", { headers: { prefer: "dynamic=true" } });
    expect(res.statusCode).toBe(200);
    expect(["Rex", "Tom"]).not.toContain(res.json().name);
    expect(responseErrors(mock, "getPet", res)).toEqual([]);
  });

  it("routes as Fastify does: HEAD as GET, path parameters decoded, 404 for a path or method no operation has", async () => {
    const head = await inject("HEAD", "/pets/pet_1");
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    const encoded = await inject("GET", "/pets/NOT%2DA%2DPET?x=%2F");
    expect(encoded.json().issues).toEqual([expect.objectContaining({ location: "path", name: "petId", value: "NOT-A-PET" })]);
    for (const [method, url] of [["GET", "/nothing"], ["GET", "/pets/pet_1/more"], ["PUT", "/pets/pet_1"], ["GET", `/pets/${"p".repeat(1001)}`]]) {
      const res = await inject(method!, url!);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json()).toMatchObject({ statusCode: 404, error: "Not Found" });
    }
  });

  it("sends declared response headers", async () => {
    const res = await inject("GET", "/shapes");
    expect(Number(res.headers["x-rate-limit"])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers["x-rate-limit"])).toBeLessThanOrEqual(10);
  });
});

describe("mock: bad requests and credentials", () => {
  it("answers a bad body with 400 in the spec's error schema, naming the field", async () => {
    const res = await inject("POST", "/pets", { body: { name: "", kind: "cow" } });
    expect(res.statusCode).toBe(400);
    expect(responseErrors(mock, "createPet", res)).toEqual([]);
    expect(res.json().error.message).toMatch(/body\.name|body\.kind/);
  });

  it("answers a bad path or query parameter with 400 naming it ({ message, issues } when no error schema is documented)", async () => {
    const path = await inject("GET", "/pets/NOT-A-PET");
    expect(path.statusCode).toBe(400);
    expect(path.json().message).toContain("petId");
    expect(path.json().issues).toEqual([expect.objectContaining({ location: "path", name: "petId" })]);
    const query = await inject("GET", "/pets?limit=1000");
    expect(query.statusCode).toBe(400);
    expect(query.json().error.message).toContain("limit");
    expect(responseErrors(mock, "listPets", query)).toEqual([]);
  });

  it("answers 401 when the scheme's credentials are missing, and lets open operations through", async () => {
    const res = await mock.app.inject({ method: "GET", url: "/pets" });
    expect(res.statusCode).toBe(401);
    expect(responseErrors(mock, "listPets", res)).toEqual([]);
    expect((await mock.app.inject({ method: "GET", url: "/owners" })).statusCode).toBe(200);
  });

  it("answers hostile input with 4xx", async () => {
    const bodies = ["{", '{"__proto__":{"x":1}}', "[".repeat(5000), JSON.stringify({ name: "a".repeat(2_000_000), kind: "cat" })];
    for (const payload of bodies) {
      const res = await mock.app.inject({ method: "POST", url: "/pets", headers: { ...KEY, "content-type": "application/json" }, payload });
      expect(res.statusCode, payload.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, payload.slice(0, 20)).toBeLessThan(500);
    }
    const xml = await mock.app.inject({ method: "POST", url: "/pets", headers: { ...KEY, "content-type": "application/xml" }, payload: "<a/>" });
    expect(xml.statusCode).toBe(400);
  });
});

describe("mock: error answers in the spec's own shape", () => {
  it("names the refused parameter in a param-like field (Stripe's error.param), under every seed", async () => {
    for (const seed of [1, 2, 3]) {
      const stripe = buildMock({ spec: "spec/stripe/2024-06-20.yaml", cwd: ROOT, seed });
      try {
        const res = await stripe.app.inject({ method: "GET", url: "/v1/promotion_codes?limit=abc", headers: { authorization: "Bearer sk_test_x" } });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ param: "limit" });
        expect(res.json().error.message).toContain("limit");
      } finally {
        await stripe.app.close();
      }
    }
  });
});
