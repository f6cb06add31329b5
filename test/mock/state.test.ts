import { afterAll, describe, expect, it } from "vitest";
import { inferCrud } from "../../mock/crud.js";
import { MockStore } from "../../mock/store.js";
import { buildMock } from "../../mock/server.js";
import { KEY, petsMock, responseErrors, ROOT } from "./helpers.js";

const mock = petsMock({ state: true });
afterAll(() => mock.app.close());

const send = (method: string, url: string, body?: unknown) =>
  mock.app.inject({
    method: method as "GET",
    url,
    headers: { ...KEY, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });

describe("mock --state", () => {
  it("infers CRUD from paths, and the id field from the create response's links", () => {
    const roles = Object.fromEntries([...inferCrud(mock.spec.model)].map(([id, c]) => [id, [c.role, c.collection, c.param, c.idField].filter(Boolean).join(" ")]));
    expect(roles).toEqual({
      createPet: "create /pets id",
      listPets: "list /pets id",
      getPet: "read /pets petId id",
      updatePet: "update /pets petId id",
      deletePet: "delete /pets petId id",
      createToy: "create /owners/{ownerId}/toys id",
      listToys: "list /owners/{ownerId}/toys id",
    });
  });

  it("creates with a new id and the request's fields, reads, lists in the spec's page shape, merges, deletes", async () => {
    const created = await send("POST", "/pets", { name: "Mia", kind: "cat", tag: null });
    expect(created.statusCode).toBe(201);
    expect(responseErrors(mock, "createPet", created)).toEqual([]);
    const pet = created.json();
    expect(pet).toMatchObject({ name: "Mia", kind: "cat", tag: null });
    expect(pet.id).not.toBe("pet_000001");
    const second = (await send("POST", "/pets", { name: "Bo", kind: "dog" })).json();
    expect(second.id).not.toBe(pet.id);

    expect((await send("GET", `/pets/${pet.id}`)).json()).toEqual(pet);
    const list = await send("GET", "/pets");
    expect(responseErrors(mock, "listPets", list)).toEqual([]);
    expect(list.json()).toEqual({ items: [pet, second], next: null });

    const updated = await send("PATCH", `/pets/${pet.id}`, { name: "Mimi" });
    expect(updated.json()).toEqual({ ...pet, name: "Mimi" });
    expect((await send("GET", `/pets/${pet.id}`)).json().name).toBe("Mimi");

    expect((await send("DELETE", `/pets/${pet.id}`)).statusCode).toBe(204);
    const gone = await send("GET", `/pets/${pet.id}`);
    expect(gone.statusCode).toBe(404);
    expect(responseErrors(mock, "getPet", gone)).toEqual([]);
    expect(gone.json().error.message).toContain(pet.id);
    expect((await send("PATCH", `/pets/${pet.id}`, { name: "x" })).statusCode).toBe(404);
    expect((await send("DELETE", `/pets/${pet.id}`)).statusCode).toBe(404);
    expect((await send("GET", "/pets")).json().items).toEqual([second]);
  });

  it("keeps a nested collection per parent", async () => {
    const toy = (await send("POST", "/owners/ann/toys", { name: "ball" })).json();
    expect(toy.name).toBe("ball");
    expect((await send("GET", "/owners/ann/toys")).json()).toEqual([toy]);
    expect((await send("GET", "/owners/bob/toys")).json()).toEqual([]);
  });

  it("answers the documented status Prefer asks for, bypassing the store", async () => {
    const res = await mock.app.inject({ method: "GET", url: "/pets/pet_unknown", headers: { ...KEY, prefer: "code=200" } });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe("Rex");
  });

  it("lists what was created as Stripe's data + has_more, and stores a referenced object in place of its id", async () => {
    const stripe = buildMock({ spec: "spec/stripe/2024-06-20.yaml", cwd: ROOT, state: true });
    const headers = { authorization: "Bearer sk_test_x", "content-type": "application/x-www-form-urlencoded" };
    const coupon = (await stripe.app.inject({ method: "POST", url: "/v1/coupons", headers, payload: "percent_off=15&duration=once" })).json();
    expect(coupon.percent_off).toBe(15);
    const code = await stripe.app.inject({ method: "POST", url: "/v1/promotion_codes", headers, payload: `coupon=${coupon.id}&code=TEST15` });
    expect(code.json()).toMatchObject({ code: "TEST15", coupon: { id: coupon.id, percent_off: 15 } });
    const list = await stripe.app.inject({ method: "GET", url: "/v1/promotion_codes", headers: { authorization: headers.authorization } });
    expect(list.json()).toMatchObject({ object: "list", has_more: false, data: [{ id: code.json().id }] });
    expect(responseErrors(stripe, "GetPromotionCodes", list)).toEqual([]);
    await stripe.app.inject({ method: "POST", url: "/v1/promotion_codes", headers, payload: `coupon=${coupon.id}&code=TEST16` });
    const page = await stripe.app.inject({ method: "GET", url: "/v1/promotion_codes?limit=1", headers: { authorization: headers.authorization } });
    expect(page.json()).toMatchObject({ has_more: true, data: [{ code: "TEST15" }] });
    expect(page.json().data).toHaveLength(1);
    await stripe.app.close();
  });
});

describe("mock store bounds", () => {
  it("keeps at most the per-collection and total caps, dropping the oldest", () => {
    const store = new MockStore({ perCollection: 3, total: 5 });
    for (let i = 0; i < 10; i++) store.put("/a", `a${i}`, { i });
    expect(store.list("/a").map((o) => o.i)).toEqual([7, 8, 9]);
    for (let i = 0; i < 3; i++) store.put("/b", `b${i}`, { i });
    expect(store.count).toBe(5);
    expect(store.get("/a", "a7")).toBeUndefined();
    expect(store.get("/b", "b2")).toEqual({ i: 2 });
  });

  it("a store with small caps still answers through the mock", async () => {
    const small = petsMock({ state: true, storeLimits: { perCollection: 2, total: 2 } });
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await small.app.inject({ method: "POST", url: "/pets", headers: { ...KEY, "content-type": "application/json" }, payload: '{"name":"a","kind":"cat"}' })).json().id);
    const list = (await small.app.inject({ method: "GET", url: "/pets", headers: KEY })).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(2));
    await small.app.close();
  });
});

describe("mock --state: new ids fit the item path", () => {
  const ids = buildMock({ spec: "test/mock/fixtures/ids.yaml", cwd: ROOT, state: true });
  afterAll(() => ids.app.close());
  const json = (method: "GET" | "POST", url: string, body?: unknown) =>
    ids.app.inject({ method, url, ...(body !== undefined ? { headers: { "content-type": "application/json" }, payload: JSON.stringify(body) } : {}) });

  it.each([
    ["a pattern (^t[0-9]+$, example t3)", "/things", /^t[0-9]+$/],
    ["format: uuid", "/widgets", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/],
    ["a fixed-width pattern (^[A-Z]{2}-[0-9]{2}$)", "/codes", /^[A-Z]{2}-[0-9]{2}$/],
  ])("%s: every created object can be read back by its id", async (_name, collection, shape) => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const created = await json("POST", collection, { name: `n${i}` });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      expect(id).toMatch(shape);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      const read = await json("GET", `${collection}/${id}`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toEqual(created.json());
    }
  });
});
