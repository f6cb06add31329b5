import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { join } from "node:path";
import { generateFixture, ROOT } from "./helpers/fixture-server.js";
import type { AuthInfo, RequestContext, RequestIssue } from "../../runtime/server/index.js";

// onAuth runs before anything else answers: before validation, and before errors Fastify raises
// ahead of the handler (413). Credentials in the query come from the route's own (limited) parse.
let app: FastifyInstance;
let cleanup = (): void => {};
const BASIC = `Basic ${Buffer.from("user:secret").toString("base64")}`;

beforeAll(async () => {
  const fixture = await generateFixture(join(ROOT, "test/server/fixtures/widgets.yaml"));
  cleanup = fixture.cleanup;
  app = Fastify();
  await app.register(fixture.module.plugin as FastifyPluginAsync<Record<string, unknown>>, {
    handlers: {
      listWidgets: (ctx: RequestContext) => ({ status: 200, body: { query: ctx.query, auth: ctx.auth ?? {} } }),
      createWidget: (ctx: RequestContext) => ({ status: 200, body: { id: "wd_1", ...(ctx.body as object) } }),
    },
    limits: { bodyBytes: 64, parameterLimit: 3 },
    onAuth: (auth: AuthInfo | null) => (auth ? undefined : { status: 401, body: { issues: [] } }),
    onRequestError: (issues: RequestIssue[]) => ({ status: 400, body: { issues } }),
  });
});

afterAll(async () => {
  await app?.close();
  cleanup();
});

const oversized = `name=${"x".repeat(200)}`;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe("onAuth comes first", () => {
  it("answers an unauthenticated oversized body with onAuth's 401, not the 413 turned into 400", async () => {
    const res = await app.inject({ method: "POST", url: "/v1/widgets", payload: oversized, headers: FORM });
    expect(res.statusCode).toBe(401);
  });

  it("still reports the oversized body of an authenticated request through onRequestError", async () => {
    const res = await app.inject({ method: "POST", url: "/v1/widgets", payload: oversized, headers: { ...FORM, authorization: BASIC } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ location: "body", kind: "range" });
  });

  it("reads an apiKey from the query the route parsed, so the query limits apply to it too", async () => {
    const ok = await app.inject({ url: "/v1/widgets?api_key=k1" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().auth).toEqual({ scheme: "queryKey", kind: "apiKey", apiKey: "k1" });
    // Four parameters with a limit of three: the query is refused, so no key is read from it.
    const tooMany = await app.inject({ url: "/v1/widgets?limit=1&expand[]=a&created[gt]=1&api_key=k1" });
    expect(tooMany.statusCode).toBe(401);
    const withHeader = await app.inject({ url: "/v1/widgets?limit=1&expand[]=a&created[gt]=1&api_key=k1", headers: { authorization: BASIC } });
    expect(withHeader.statusCode).toBe(400);
    expect(withHeader.json().issues[0]).toMatchObject({ location: "query", kind: "invalid" });
  });
});
