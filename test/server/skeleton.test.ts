import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { join } from "node:path";
import { generateFixture, ROOT } from "./helpers/fixture-server.js";
import type { RequestContext, RequestIssue } from "../../runtime/server/index.js";

// The skeleton generated from test/server/fixtures/widgets.yaml, driven through Fastify's inject.
let app: FastifyInstance;
let cleanup = (): void => {};
const logged: string[] = [];
const seenIssues: RequestIssue[][] = [];

const BASIC = `Basic ${Buffer.from("user:secret").toString("base64")}`;
const FORM = { "content-type": "application/x-www-form-urlencoded", authorization: BASIC };

const handlers = {
  listWidgets: (ctx: RequestContext) => ({
    status: 200,
    body: { query: ctx.query, trace: (ctx.headers as Record<string, string>)["x-trace"] ?? "", auth: ctx.auth ?? {}, cookies: ctx.cookies },
  }),
  createWidget: (ctx: RequestContext) => ({ status: 200, body: { id: "wd_1", ...(ctx.body as object) } }),
  getWidget: (ctx: RequestContext) => {
    const id = (ctx.params as { widget: string }).widget;
    if (id === "wd_teapot") return { status: 418, body: { issues: [] } };
    if (id === "wd_bad") return { status: 200, body: { id: 42, name: "x" } };
    if (id === "wd_missing") return { status: 404, body: { issues: [] } };
    return { status: 200, body: { id, name: "a widget" } };
  },
  createGadget: (ctx: RequestContext) => ({ status: 201, body: ctx.body }),
};

beforeAll(async () => {
  const fixture = await generateFixture(join(ROOT, "test/server/fixtures/widgets.yaml"));
  cleanup = fixture.cleanup;
  app = Fastify();
  await app.register(fixture.module.plugin as FastifyPluginAsync<Record<string, unknown>>, {
    handlers,
    checkResponses: true,
    limits: { bodyBytes: 4096, depth: 4 },
    log: (line: string) => logged.push(line),
    onRequestError: (issues: RequestIssue[]) => {
      seenIssues.push(issues);
      return { status: 400, body: { issues } };
    },
  });
});

afterAll(async () => {
  await app?.close();
  cleanup();
});

async function post(url: string, payload: string, headers: Record<string, string> = FORM) {
  return app.inject({ method: "POST", url, payload, headers });
}

describe("generated skeleton: form bodies", () => {
  it("parses bracket notation and coerces form values to the schema's types", async () => {
    const res = await post("/v1/widgets", "name=w&size=3&active=true&metadata[order_id]=6735&restrictions[minimum_amount]=100&tags[]=a&tags[]=b");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: "wd_1",
      name: "w",
      size: 3,
      active: true,
      metadata: { order_id: "6735" },
      restrictions: { minimum_amount: 100 },
      tags: ["a", "b"],
    });
  });

  it("accepts indexed arrays (tags[0]=x) and a single value for an array", async () => {
    expect((await post("/v1/widgets", "name=w&tags[0]=x&tags[1]=y")).json().tags).toEqual(["x", "y"]);
    expect((await post("/v1/widgets", "name=w&tags=solo")).json().tags).toEqual(["solo"]);
  });

  it("reports a missing required field by name", async () => {
    const res = await post("/v1/widgets", "size=3");
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ location: "body", name: "name", kind: "missing" });
  });

  it("reports unknown fields, top-level and nested, as unknown (not silently removed)", async () => {
    expect((await post("/v1/widgets", "name=w&colour=red")).json().issues[0]).toMatchObject({ name: "colour", kind: "unknown" });
    expect((await post("/v1/widgets", "name=w&restrictions[maximum]=1")).json().issues[0]).toMatchObject({
      name: "restrictions.maximum",
      kind: "unknown",
    });
  });

  it("maps type, range, enum and format failures with the dotted path and the value received", async () => {
    expect((await post("/v1/widgets", "name=w&size=abc")).json().issues[0]).toMatchObject({ name: "size", kind: "type", expected: "integer", value: "abc" });
    expect((await post("/v1/widgets", "name=w&restrictions[minimum_amount]=1.5")).json().issues[0]).toMatchObject({
      name: "restrictions.minimum_amount",
      kind: "type",
    });
    expect((await post("/v1/widgets", "name=w&size=0")).json().issues[0]).toMatchObject({ name: "size", kind: "range" });
    expect((await post("/v1/widgets", "name=w&color=green")).json().issues[0]).toMatchObject({ name: "color", kind: "enum" });
    expect((await post("/v1/widgets", "name=w&email=nope")).json().issues[0]).toMatchObject({ name: "email", kind: "format", expected: "email" });
  });

  it("drops prototype-pollution keys before validation", async () => {
    const res = await post("/v1/widgets", "name=w&__proto__[polluted]=1&metadata[__proto__][x]=1&metadata[constructor]=y&metadata[ok]=1");
    expect(res.statusCode).toBe(200);
    expect(res.json().metadata).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses nesting deeper than the depth limit and bodies over the size limit, through onRequestError", async () => {
    const deep = await post("/v1/widgets", "name=w&metadata[a][b][c][d][e][f]=1");
    expect(deep.statusCode).toBe(400);
    expect(deep.json().issues[0]).toMatchObject({ location: "body", kind: "invalid" });
    const huge = await post("/v1/widgets", `name=${"x".repeat(5000)}`);
    expect(huge.statusCode).toBe(400);
    expect(huge.json().issues[0]).toMatchObject({ location: "body", kind: "range" });
  });

  it("refuses a media type the operation does not accept", async () => {
    const res = await post("/v1/widgets", '{"name":"w"}', { "content-type": "application/json", authorization: BASIC });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ location: "header", name: "content-type", kind: "invalid" });
  });
});

describe("generated skeleton: JSON bodies", () => {
  it("passes JSON through without coercion", async () => {
    const ok = await post("/v1/gadgets", '{"name":"g","count":2}', { "content-type": "application/json" });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ name: "g", count: 2 });
    const notCoerced = await post("/v1/gadgets", '{"name":"g","count":"2"}', { "content-type": "application/json" });
    expect(notCoerced.json().issues[0]).toMatchObject({ name: "count", kind: "type" });
  });

  it("reports malformed JSON, a missing body and unknown fields", async () => {
    expect((await post("/v1/gadgets", "{oops", { "content-type": "application/json" })).json().issues[0]).toMatchObject({ kind: "invalid" });
    expect((await post("/v1/gadgets", "", { "content-type": "application/json" })).json().issues[0]).toMatchObject({ kind: "missing" });
    expect((await post("/v1/gadgets", '{"name":"g","extra":1}', { "content-type": "application/json" })).json().issues[0]).toMatchObject({
      name: "extra",
      kind: "unknown",
    });
  });

  it("drops __proto__ keys from JSON bodies", async () => {
    const res = await post("/v1/gadgets", '{"name":"g","__proto__":{"count":"x"}}', { "content-type": "application/json" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ name: "g" });
  });
});

describe("generated skeleton: query, headers, path and auth", () => {
  it("parses deepObject and expand[] query parameters and coerces them", async () => {
    const res = await app.inject({ url: "/v1/widgets?limit=5&created[gt]=10&expand[]=a&expand[1]=b", headers: { authorization: BASIC } });
    expect(res.statusCode).toBe(200);
    expect(res.json().query).toEqual({ limit: 5, created: { gt: 10 }, expand: ["a", "b"] });
  });

  it("validates query values and headers", async () => {
    expect((await app.inject({ url: "/v1/widgets?limit=500" })).json().issues[0]).toMatchObject({ location: "query", name: "limit", kind: "range" });
    expect((await app.inject({ url: "/v1/widgets?created[lt]=1" })).json().issues[0]).toMatchObject({ location: "query", name: "created.lt", kind: "unknown" });
    const header = await app.inject({ url: "/v1/widgets", headers: { "x-trace": "x".repeat(11) } });
    expect(header.json().issues[0]).toMatchObject({ location: "header", name: "x-trace", kind: "range" });
  });

  it("validates and coerces the declared cookies, naming the one that is wrong", async () => {
    const ok = await app.inject({ url: "/v1/widgets", headers: { cookie: "other=x; session=ses_1; theme=3" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().cookies).toEqual({ session: "ses_1", theme: 3 });
    const bad = await app.inject({ url: "/v1/widgets", headers: { cookie: "session=nope" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ location: "cookie", name: "session", kind: "format", value: "nope" });
    const range = await app.inject({ url: "/v1/widgets", headers: { cookie: "theme=0" } });
    expect(range.json().issues[0]).toMatchObject({ location: "cookie", name: "theme", kind: "range" });
  });

  it("validates path parameters", async () => {
    const res = await app.inject({ url: "/v1/widgets/nope" });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ location: "path", name: "widget", kind: "format" });
  });

  it("extracts basic, bearer and apiKey credentials per the security schemes", async () => {
    const auth = async (headers: Record<string, string>) => (await app.inject({ url: "/v1/widgets", headers })).json().auth;
    expect(await auth({ authorization: BASIC })).toEqual({ scheme: "basicAuth", kind: "basic", username: "user", password: "secret" });
    expect(await auth({ authorization: "Bearer tok_1" })).toEqual({ scheme: "bearerAuth", kind: "bearer", token: "tok_1" });
    // the scheme is the first word; the rest is the credential, its words joined by single spaces
    expect(await auth({ authorization: "bearer   tok_1 \t tok_2" })).toEqual({ scheme: "bearerAuth", kind: "bearer", token: "tok_1 tok_2" });
    expect(await auth({ "x-api-key": "k1" })).toEqual({ scheme: "apiKey", kind: "apiKey", apiKey: "k1" });
    const fromQuery = await app.inject({ url: "/v1/widgets?api_key=k2" });
    expect(fromQuery.json().auth).toEqual({ scheme: "queryKey", kind: "apiKey", apiKey: "k2" });
    expect(await auth({})).toEqual({});
  });
});

describe("generated skeleton: response checking", () => {
  it("turns an undocumented status into a 500 and logs the operation's spec pointer", async () => {
    const res = await app.inject({ url: "/v1/widgets/wd_teapot" });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: "SCS004", message: "response check failed" });
    expect(logged.at(-1)).toMatch(/^SCS004 /);
    expect(logged.at(-1)).toContain("getWidget");
    expect(logged.at(-1)).toContain("status 418 is not documented at #/paths/~1v1~1widgets~1{widget}/get/responses");
  });

  it("turns a body that breaks its schema into a 500 naming the schema pointer", async () => {
    const res = await app.inject({ url: "/v1/widgets/wd_bad" });
    expect(res.statusCode).toBe(500);
    expect(logged.at(-1)).toContain("#/paths/~1v1~1widgets~1{widget}/get/responses/200/content/application~1json/schema");
    expect(logged.at(-1)).toContain("/id must be string");
    // …and the keyword that failed, inside the shared component schema.
    expect(logged.at(-1)).toContain("(#/components/schemas/Widget/properties/id/type)");
  });

  it("lets documented responses through", async () => {
    expect((await app.inject({ url: "/v1/widgets/wd_missing" })).statusCode).toBe(404);
    expect((await app.inject({ url: "/v1/widgets/wd_ok" })).json()).toEqual({ id: "wd_ok", name: "a widget" });
  });
});
