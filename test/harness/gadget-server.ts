import type { IncomingMessage, ServerResponse } from "node:http";
import { startTestServer } from "../helpers/test-server.js";

/** How the gadgets server answers a refused request: a 422 or 404 with the documented error shape, the wrong shape, or a 500. */
export type GadgetErrors = "documented" | "wrong-shape" | "server-error";

/**
 * A small implementation of test/harness/fixtures/gadgets.yaml, whose spec documents its errors
 * only as `4XX`: it refuses invalid input with 422 and unknown ids with 404, neither listed exactly.
 */
export async function startGadgetServer(errors: GadgetErrors): Promise<{ url: string; close(): Promise<void> }> {
  const gadgets = new Map<string, { id: string; name: string; size: number }>();
  return startTestServer((req, res, raw) => handle(req, res, raw, { errors, gadgets }));
}

function handle(req: IncomingMessage, res: ServerResponse, raw: string, state: { errors: GadgetErrors; gadgets: Map<string, { id: string; name: string; size: number }> }): void {
  const send = (status: number, body: unknown): void => void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const refuse = (status: number, code: string, message: string): void => {
    if (state.errors === "server-error") return send(500, { error: { code, message } });
    return send(status, state.errors === "wrong-shape" ? { message } : { error: { code, message } });
  };
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "POST" && url.pathname === "/gadgets") {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(raw || "{}") as Record<string, unknown>;
    } catch {
      return refuse(422, "invalid_request", "the body is not JSON");
    }
    const unknown = Object.keys(input).find((k) => !["name", "size"].includes(k));
    if (unknown) return refuse(422, "invalid_request", `unknown field ${unknown}`);
    if (typeof input.name !== "string" || input.name.length > 10) return refuse(422, "invalid_request", "name is invalid");
    const size = input.size ?? 1;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > 5) return refuse(422, "invalid_request", "size is invalid");
    const gadget = { id: `gad_${state.gadgets.size + 1}`, name: input.name, size };
    state.gadgets.set(gadget.id, gadget);
    return send(200, gadget);
  }
  const match = /^\/gadgets\/([^/]+)$/.exec(url.pathname);
  const gadget = req.method === "GET" && match ? state.gadgets.get(decodeURIComponent(match[1]!)) : undefined;
  return gadget ? send(200, gadget) : refuse(404, "not_found", `No such gadget: ${match?.[1] ?? url.pathname}`);
}
