import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { join } from "node:path";
import { generateFixture, ROOT } from "./helpers/fixture-server.js";
import type { AuthInfo, HandlerResponse, RequestContext, RequestIssue } from "../../runtime/server/index.js";

// The request path runs without promises while onAuth, onRequestError and the handlers answer plain
// values, and waits for them when they answer promises: both kinds must answer every request alike.
type Lift = <T>(value: T) => T | Promise<T>;
const plain: Lift = (value) => value;
const promised: Lift = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 1));

const BASIC = `Basic ${Buffer.from("user:secret").toString("base64")}`;
const apps = new Map<string, { app: FastifyInstance; logged: string[] }>();
let cleanup = (): void => {};

function options(lift: Lift, logged: string[]) {
  const fail = (how: "throw" | "reject"): HandlerResponse | Promise<HandlerResponse> => {
    if (how === "throw") throw new Error("handler broke");
    return Promise.reject(new Error("handler rejected"));
  };
  return {
    log: (line: string) => logged.push(line),
    limits: { bodyBytes: 256 },
    onAuth: (auth: AuthInfo | null) => lift(auth ? undefined : { status: 401, body: { issues: [] } }),
    onRequestError: (issues: RequestIssue[]) => lift({ status: 400, body: { issues, answeredBy: "onRequestError" } }),
    handlers: {
      getWidget: (ctx: RequestContext) => {
        const id = (ctx.params as { widget: string }).widget;
        if (id === "wd_throw" || id === "wd_reject") return fail(id === "wd_throw" ? "throw" : "reject");
        if (id === "wd_text") return lift({ status: 200, body: "plain words", mediaType: "text/plain", headers: { "x-extra": "1" } });
        if (id === "wd_empty") return lift({ status: 404 });
        return lift({ status: 200, body: { id, name: "a widget" }, headers: { "x-widget": id } });
      },
      createWidget: (ctx: RequestContext) => lift({ status: 200, body: { id: "wd_1", ...(ctx.body as object) } }),
    },
  };
}

beforeAll(async () => {
  const fixture = await generateFixture(join(ROOT, "test/server/fixtures/widgets.yaml"));
  cleanup = fixture.cleanup;
  for (const [name, lift] of [["plain values", plain], ["promises", promised]] as const) {
    const logged: string[] = [];
    const app = Fastify({ logger: false });
    await app.register(fixture.module.plugin as FastifyPluginAsync<Record<string, unknown>>, options(lift, logged));
    apps.set(name, { app, logged });
  }
});

afterAll(async () => {
  for (const { app } of apps.values()) await app.close();
  cleanup();
});

describe.each(["plain values", "promises"])("hooks and handlers answering %s", (name) => {
  const get = (url: string, headers: Record<string, string> = { authorization: BASIC }) => apps.get(name)!.app.inject({ url, headers });

  it("answers with the handler's status, headers and JSON body", async () => {
    const res = await get("/v1/widgets/wd_7");
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-widget"]).toBe("wd_7");
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ id: "wd_7", name: "a widget" });
  });

  it("sends a non-JSON media type as is, and a body-less answer without a body", async () => {
    const text = await get("/v1/widgets/wd_text");
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.headers["x-extra"]).toBe("1");
    expect(text.body).toBe("plain words");
    const empty = await get("/v1/widgets/wd_empty");
    expect(empty.statusCode).toBe(404);
    expect(empty.body).toBe("");
  });

  it("answers onAuth's refusal before validation", async () => {
    const res = await get("/v1/widgets/nope", {});
    expect(res.statusCode).toBe(401);
  });

  it("answers invalid requests and Fastify's own errors through onRequestError", async () => {
    const invalid = await get("/v1/widgets/nope");
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ answeredBy: "onRequestError", issues: [{ location: "path", name: "widget" }] });
    const tooLarge = await apps.get(name)!.app.inject({
      method: "POST",
      url: "/v1/widgets",
      payload: `name=${"x".repeat(400)}`,
      headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json()).toMatchObject({ answeredBy: "onRequestError", issues: [{ location: "body", kind: "range" }] });
  });

  it("turns a handler that throws or rejects into a logged 500", async () => {
    const { logged } = apps.get(name)!;
    for (const id of ["wd_throw", "wd_reject"]) {
      const res = await get(`/v1/widgets/${id}`);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: "SCS003", message: "internal error" });
      expect(logged.at(-1)).toMatch(/getWidget: handler failed: Error: handler (broke|rejected)/);
    }
  });
});
