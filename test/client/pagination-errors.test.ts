import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateClient, sendJson, startServer, type GeneratedClient, type TestServer } from "./support.js";

const widget = (n: number) => ({ id: `w_${String(n).padStart(2, "0")}`, object: "widget", name: `W${n}`, active: true, metadata: {} });
const ALL = Array.from({ length: 23 }, (_, i) => widget(i + 1));

/** A Stripe-like list: `limit`, `starting_after` / `ending_before` cursors, `data` + `has_more`. */
function listPage(query: URLSearchParams) {
  const limit = Number(query.get("limit") ?? 10);
  const after = query.get("starting_after");
  const before = query.get("ending_before");
  if (before) {
    const end = ALL.findIndex((w) => w.id === before);
    const start = Math.max(0, end - limit);
    return { object: "list", data: ALL.slice(start, end), has_more: start > 0 };
  }
  const start = after ? ALL.findIndex((w) => w.id === after) + 1 : 0;
  return { object: "list", data: ALL.slice(start, start + limit), has_more: start + limit < ALL.length };
}

/** Gadgets: `pageToken` in, `nextPageToken` out, three per page. */
function gadgetPage(query: URLSearchParams) {
  const start = Number(query.get("pageToken") ?? 0);
  const data = Array.from({ length: 10 }, (_, i) => ({ id: `g_${i}`, label: `G${i}` })).slice(start, start + 3);
  return start + 3 < 10 ? { data, nextPageToken: String(start + 3) } : { data };
}

let shop: GeneratedClient;
let server: TestServer;
let client: any;

beforeAll(async () => {
  shop = await generateClient("test/client/fixtures/shop.yaml");
  server = await startServer((req, res) => {
    const path = req.url.pathname;
    if (path === "/v1/widgets" && req.method === "GET") return sendJson(res, 200, listPage(req.url.searchParams));
    if (path === "/v1/gadgets") return sendJson(res, 200, gadgetPage(req.url.searchParams));
    if (path === "/v1/widgets/html") {
      res.writeHead(200, { "content-type": "text/html", "request-id": "req_html" });
      return res.end("<html>Sign in to the proxy</html>");
    }
    if (path === "/v1/widgets/empty") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end();
    }
    if (path === "/v1/widgets/bad") return sendJson(res, 200, { id: "bad", object: "widget", active: "yes" });
    if (path === "/v1/widgets/teapot") {
      res.writeHead(502, { "content-type": "text/html", "x-request-id": "req_proxy" });
      return res.end("<h1>Bad gateway</h1>");
    }
    if (path.startsWith("/v1/widgets/w_")) return sendJson(res, 200, ALL.find((w) => path.endsWith(w.id)));
    sendJson(res, 404, { error: { type: "invalid_request_error", message: `No such widget: '${path.split("/").at(-1)}'`, param: "widget" } }, { "request-id": "req_404abc" });
  });
  client = shop.module.createClient({ baseUrl: server.url, apiKey: "sk_test_1", maxRetries: 0 });
});
afterAll(async () => {
  await server?.close();
  shop?.remove();
});

const since = (mark: number) => server.requests.slice(mark);

describe("pagination", () => {
  it("for await follows starting_after cursors over 5 pages and yields every item once, in order", async () => {
    const mark = server.requests.length;
    const ids: string[] = [];
    for await (const w of client.widgets.list({ limit: 5, created: { gte: 1 } })) ids.push(w.id);
    expect(ids).toEqual(ALL.map((w) => w.id));
    const sent = since(mark).map((r) => r.url.searchParams);
    expect(sent).toHaveLength(5);
    expect(sent.map((q) => q.get("starting_after"))).toEqual([null, "w_05", "w_10", "w_15", "w_20"]);
    expect(sent.every((q) => q.get("limit") === "5" && q.get("created[gte]") === "1")).toBe(true);
  });

  it("toArray(max) stops at the page holding the max-th item: no request for the page after", async () => {
    const mark = server.requests.length;
    const items = await client.widgets.list({ limit: 5 }).toArray(10);
    expect(items.map((w: { id: string }) => w.id)).toEqual(ALL.slice(0, 10).map((w) => w.id));
    expect(since(mark)).toHaveLength(2);
    const three = await client.widgets.list({ limit: 5 }).toArray(3);
    expect(three).toHaveLength(3);
    expect(since(mark)).toHaveLength(3);
    await expect(client.widgets.list({ limit: 5 }).toArray(0)).resolves.toEqual([]);
    expect(since(mark)).toHaveLength(3);
  });

  it("await gives the first page only (one request); pages() gives each page", async () => {
    const mark = server.requests.length;
    const page = await client.widgets.list({ limit: 10 });
    expect(page).toMatchObject({ object: "list", has_more: true });
    expect(page.data.map((w: { id: string }) => w.id)).toEqual(ALL.slice(0, 10).map((w) => w.id));
    expect(since(mark)).toHaveLength(1);
    const sizes: number[] = [];
    for await (const p of client.widgets.list({ limit: 10 }).pages()) sizes.push(p.data.length);
    expect(sizes).toEqual([10, 10, 3]);
  });

  it("pages backwards with ending_before when it is given", async () => {
    const ids: string[] = [];
    for await (const w of client.widgets.list({ limit: 4, ending_before: "w_13" })) ids.push(w.id);
    expect(ids).toEqual(["w_09", "w_10", "w_11", "w_12", "w_05", "w_06", "w_07", "w_08", "w_01", "w_02", "w_03", "w_04"]);
  });

  it("follows a next-page token (pageToken / nextPageToken) over 4 pages", async () => {
    const mark = server.requests.length;
    const all = await client.gadgets.list().toArray();
    expect(all.map((g: { id: string }) => g.id)).toEqual(Array.from({ length: 10 }, (_, i) => `g_${i}`));
    expect(since(mark).map((r) => r.url.searchParams.get("pageToken"))).toEqual([null, "3", "6", "9"]);
  });
});

describe("errors", () => {
  it("throws a typed ApiError with status, parsed body and the Request-Id", async () => {
    const error = await client.widgets.retrieve("missing").catch((e: unknown) => e);
    expect(shop.module.isApiError(error)).toBe(true);
    expect(error).toMatchObject({
      name: "ApiError",
      status: 404,
      requestId: "req_404abc",
      operationId: "GetWidgetsWidget",
      body: { error: { type: "invalid_request_error", param: "widget", message: "No such widget: 'missing'" } },
    });
    expect(error.message).toBe("GetWidgetsWidget: HTTP 404: No such widget: 'missing'");
  });

  it("keeps a non-JSON error body as rawBody (body undefined) and reads X-Request-Id", async () => {
    const error = await client.widgets.retrieve("teapot").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, body: undefined, rawBody: "<h1>Bad gateway</h1>", requestId: "req_proxy" });
  });

  it("a 2xx answer that is not the documented JSON (an HTML page, an empty body) throws UnexpectedResponseError", async () => {
    const html = await client.widgets.retrieve("html").catch((e: unknown) => e);
    expect(html).toBeInstanceOf(shop.module.UnexpectedResponseError);
    expect(html).toMatchObject({ name: "UnexpectedResponseError", status: 200, rawBody: "<html>Sign in to the proxy</html>", requestId: "req_html", contentType: "text/html" });
    expect(html.message).toBe("GetWidgetsWidget: the 200 response should be application/json but was 'text/html' that is not valid JSON");
    const empty = await client.widgets.retrieve("empty").catch((e: unknown) => e);
    expect(empty).toMatchObject({ name: "UnexpectedResponseError", status: 200, rawBody: "" });
  });

  it("validateResponses: a body that breaks the spec throws ResponseValidationError; a good one passes", async () => {
    const strict = shop.module.createClient({ baseUrl: server.url, validateResponses: true });
    await expect(strict.widgets.retrieve("w_01")).resolves.toEqual(ALL[0]);
    const error = await strict.widgets.retrieve("bad").catch((e: unknown) => e);
    expect(error.name).toBe("ResponseValidationError");
    expect(error.message).toMatch(/^GetWidgetsWidget: the 200 response does not match the spec: /);
    expect(error.issues.length).toBeGreaterThan(0);
    await expect(client.widgets.retrieve("bad")).resolves.toMatchObject({ id: "bad" });
  });
});
