import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, encodeForm, queryPairs, ParameterError, type ApiSpec } from "../../runtime/client/index.js";
import { generateClient, sendJson, startServer, type GeneratedClient, type TestServer } from "./support.js";

const WIDGET = { id: "wid_1", object: "widget", name: "w", active: true, metadata: {} };

let shop: GeneratedClient;
let server: TestServer;
let client: any;

beforeAll(async () => {
  shop = await generateClient("test/client/fixtures/shop.yaml");
  server = await startServer((req, res) => sendJson(res, req.url.pathname === "/v1/gadgets" ? 201 : 200, req.url.pathname.startsWith("/v1/gadgets") ? { id: "g_1", label: "x" } : WIDGET));
  client = shop.module.createClient({ baseUrl: server.url, apiKey: "sk_test_123" });
});
afterAll(async () => {
  await server?.close();
  shop?.remove();
});

const last = () => server.requests.at(-1)!;

describe("form bodies (bracket notation, as Stripe expects)", () => {
  it("round-trips nested objects, arrays of objects, expand[], booleans and numbers through qs", async () => {
    await client.widgets.create({
      name: "Spring sale & more",
      active: false,
      size: 3,
      metadata: { order_id: "6735", "note[x]": "a b" },
      expand: ["customer", "data.coupon"],
      dimensions: { width: 2.5, unit: { name: "cm" } },
      parts: [{ sku: "A", qty: 1 }, { sku: "B", qty: 2 }],
    });
    expect(last().headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(last().body).toContain("expand[]=customer&expand[]=data.coupon");
    expect(last().body).toContain("dimensions[unit][name]=cm");
    expect(last().body).toContain("active=false");
    expect(qs.parse(last().body, { depth: 10 })).toEqual({
      name: "Spring sale & more",
      active: "false",
      size: "3",
      metadata: { order_id: "6735", "note[x]": "a b" },
      expand: ["customer", "data.coupon"],
      dimensions: { width: "2.5", unit: { name: "cm" } },
      parts: [{ sku: "A", qty: "1" }, { sku: "B", qty: "2" }],
    });
  });

  it("an empty string unsets: `metadata=` for the whole map, `metadata[k]=` for one key", async () => {
    await client.widgets.update("wid_1", { metadata: "" });
    expect(last().body).toBe("metadata=");
    await client.widgets.update("wid_1", { metadata: { campaign: "", keep: "yes" }, active: true });
    expect(last().body).toBe("metadata[campaign]=&metadata[keep]=yes&active=true");
    expect(qs.parse(last().body)).toEqual({ metadata: { campaign: "", keep: "yes" }, active: "true" });
  });

  it("leaves out undefined fields and sends the path parameter percent-encoded", async () => {
    await client.widgets.update("wid/1 ?", { active: undefined });
    expect(last().url.pathname).toBe("/v1/widgets/wid%2F1%20%3F");
    expect(last().body).toBe("");
  });
});

describe("query parameters (style and explode)", () => {
  it("deepObject: created[gte]=…, expand[]=…; form explode=false: tags=a,b", async () => {
    await client.widgets.list({ created: { gte: 100, lt: 200 }, expand: ["data.owner"], tags: ["red", "blue"], limit: 5 }).then(() => {});
    expect(last().url.search).toBe("?created[gte]=100&created[lt]=200&expand[]=data.owner&limit=5&tags=red%2Cblue");
    expect(qs.parse(last().url.search.slice(1))).toEqual({ limit: "5", created: { gte: "100", lt: "200" }, expand: ["data.owner"], tags: "red,blue" });
    expect(last().method).toBe("GET");
    expect(last().body).toBe("");
  });

  it("queryPairs covers form explode, spaceDelimited and pipeDelimited", () => {
    expect(queryPairs({ name: "ids", style: "form", explode: true, required: false }, ["a", "b"])).toEqual([["ids", "a"], ["ids", "b"]]);
    expect(queryPairs({ name: "ids", style: "pipeDelimited", explode: false, required: false }, ["a", "b"])).toEqual([["ids", "a|b"]]);
    expect(queryPairs({ name: "ids", style: "spaceDelimited", explode: false, required: false }, [1, 2])).toEqual([["ids", "1 2"]]);
    expect(queryPairs({ name: "pt", style: "form", explode: false, required: false }, { x: 1, y: 2 })).toEqual([["pt", "x,1,y,2"]]);
    expect(encodeForm({ a: [[1, 2]], b: null })).toBe("a[0][]=1&a[0][]=2&b=");
  });
});

describe("JSON bodies, headers and request errors", () => {
  it("sends JSON for an application/json operation and returns its 201 body", async () => {
    await expect(client.gadgets.create({ label: "x", enabled: false, details: { a: "1" } })).resolves.toEqual({ id: "g_1", label: "x" });
    expect(last().headers["content-type"]).toBe("application/json");
    expect(JSON.parse(last().body)).toEqual({ label: "x", enabled: false, details: { a: "1" } });
  });

  it("sends the bearer key, the spec's version by default and apiVersion when given", async () => {
    await client.widgets.retrieve("wid_1");
    expect(last().headers.authorization).toBe("Bearer sk_test_123");
    expect(last().headers["shop-version"]).toBe("2030-01-01");
    const pinned = shop.module.createClient({ baseUrl: `${server.url}/`, apiVersion: "2031-02-02" });
    await pinned.widgets.retrieve("wid_1");
    expect(last().headers["shop-version"]).toBe("2031-02-02");
    expect(last().headers.authorization).toBeUndefined();
  });

  it("rejects an unknown parameter and a missing path parameter by name, before sending", async () => {
    const before = server.requests.length;
    await expect(client.widgets.retrieve("wid_1", { colour: "red" })).rejects.toThrow(new ParameterError("colour", "unknown parameter for GetWidgetsWidget"));
    await expect(client.widgets.retrieve("")).rejects.toThrow("widget: required path parameter is missing or empty");
    expect(() => shop.module.createClient({})).toThrow("baseUrl: required client option is missing");
    expect(server.requests.length).toBe(before);
  });

  it("rejects a body field the operation's closed body schema does not have, by name, before sending", async () => {
    const before = server.requests.length;
    await expect(client.widgets.create({ name: "w", colour: "red" })).rejects.toThrow(new ParameterError("colour", "unknown parameter for PostWidgets"));
    await expect(client.gadgets.create({ label: "x", color: "red" })).rejects.toThrow(new ParameterError("color", "unknown parameter for createGadget"));
    expect(server.requests.length).toBe(before);
  });

  it("sends any field when the body schema is open (no bodyFields in the operation table)", async () => {
    const api: ApiSpec = {
      operations: { createThing: { method: "post", path: "/v1/gadgets", pathParams: [], query: [], body: "application/json", responses: { "201": ["application/json"] } } },
      resources: { things: { create: "createThing" } },
      security: [],
      version: "1",
    };
    const open = buildClient<{ things: { create(params: Record<string, unknown>): Promise<unknown> } }>({ api, options: { baseUrl: server.url } });
    await open.things.create({ label: "x", anything: 1 });
    expect(JSON.parse(last().body)).toEqual({ label: "x", anything: 1 });
  });
});
