import type { IncomingMessage, ServerResponse } from "node:http";
import { startTestServer } from "../helpers/test-server.js";

/** The faults a broken widgets server can have; "none" is a correct implementation. */
export type Fault =
  | "none"
  | "wrong-type"
  | "missing-field"
  | "undocumented-status"
  | "extra-field"
  | "wrong-echo"
  | "error-shape"
  | "server-error"
  | "slow"
  | "closed-socket"
  | "not-json"
  | "missing-header";

export const VALID_KEY = "sk_test_widgets_secret_4242";

interface Widget {
  id: string;
  object: "widget";
  name: string;
  count: number;
  created: number;
  metadata: Record<string, string>;
}

/** A small implementation of test/harness/fixtures/widgets.yaml that can be told to misbehave. */
export async function startWidgetServer(fault: Fault): Promise<{ url: string; close(): Promise<void> }> {
  const widgets = new Map<string, Widget>();
  return startTestServer((req, res, raw) => handle(req, res, raw, { fault, widgets }));
}

function handle(req: IncomingMessage, res: ServerResponse, raw: string, state: { fault: Fault; widgets: Map<string, Widget> }): void {
  const { fault, widgets } = state;
  const send = (status: number, body: unknown) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (fault !== "missing-header") headers["request-id"] = `req_${widgets.size}`;
    res.writeHead(status, headers).end(JSON.stringify(body));
  };
  const error = (status: number, code: string, message: string) =>
    fault === "error-shape" ? send(status, { message }) : send(status, { error: { code, message } });
  if (fault === "closed-socket") return void req.socket.destroy();
  if (fault === "slow") return void setTimeout(() => send(500, {}), 3_000).unref();
  if (fault === "server-error") return send(500, { error: { code: "boom", message: `internal error for ${req.headers.authorization}` } });
  if (fault === "not-json") return void res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>");
  if (req.headers.authorization !== `Bearer ${VALID_KEY}`) return error(401, "unauthorized", "no key");
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "POST" && url.pathname === "/widgets") {
    const input = parseObject(raw);
    if (!input) return error(400, "invalid_request", "the body is not a JSON object");
    const unknown = Object.keys(input).find((k) => !["name", "count", "metadata"].includes(k));
    if (unknown) return error(400, "invalid_request", `unknown field ${unknown}`);
    if (typeof input.name !== "string" || input.name.length > 20) return error(400, "invalid_request", "name is required");
    const count = input.count ?? 0;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > 10) return error(400, "invalid_request", "count is invalid");
    const widget: Widget = { id: `wid_${widgets.size + 1}`, object: "widget", name: input.name, count, created: 1_700_000_000 + widgets.size, metadata: (input.metadata ?? {}) as Record<string, string> };
    widgets.set(widget.id, widget);
    return send(fault === "undocumented-status" ? 201 : 200, present(widget, fault));
  }
  const match = /^\/widgets\/([^/]+)$/.exec(url.pathname);
  if (req.method === "GET" && match) {
    const widget = widgets.get(decodeURIComponent(match[1]!));
    return widget ? send(200, present(widget, fault)) : error(404, "not_found", `No such widget: ${match[1]}`);
  }
  return error(404, "not_found", "no such route");
}

function present(widget: Widget, fault: Fault): Record<string, unknown> {
  const out: Record<string, unknown> = { ...widget };
  if (fault === "wrong-type") out.count = String(widget.count);
  if (fault === "missing-field") delete out.created;
  if (fault === "extra-field") out.color = "blue";
  if (fault === "wrong-echo") out.name = `${widget.name}-changed`;
  return out;
}

/** The request body as a JSON object; undefined for anything else, so a bad body cannot crash the handler. */
function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(raw || "{}") as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
