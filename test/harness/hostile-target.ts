import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/** How a hostile target answers GET /things/{id}. */
export type Hostility = "fine" | "huge" | "gzip" | "echo-key" | "key-at-cap";

export const HOSTILE_KEY = "sk_test_Hostile0123456789abcdefXYZ";

export interface HostileTarget {
  url: string;
  /** body bytes the server managed to write (the 1 GB stream stops when the harness hangs up) */
  written(): number;
  /** headers of every request received */
  requests: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** A small echo spec: one GET with a documented example; `secured` adds a bearer scheme. */
export function echoSpec(secured: boolean): string {
  return `openapi: 3.1.0
info: { title: Echo, version: "1" }
${secured ? "security: [{ bearerAuth: [] }]\n" : ""}paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - { name: id, in: path, required: true, schema: { type: string }, examples: { success: { value: t1 } } }
      responses:
        "200":
          description: The thing.
          content:
            application/json:
              schema: { type: object, required: [id], properties: { id: { type: string } } }
              examples: { success: { value: { id: t1 } } }
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
`;
}

/** A target on 127.0.0.1 that answers as `mode` says; close() drops open connections. */
export async function startHostileTarget(mode: Hostility): Promise<HostileTarget> {
  let written = 0;
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    if (req.url === "/") return void res.writeHead(404).end();
    const auth = String(req.headers.authorization ?? "");
    if (mode === "fine") return void res.writeHead(200, { "content-type": "application/json" }).end('{"id":"t1"}');
    if (mode === "gzip") {
      const bytes = gzipSync(Buffer.from(`{"id":"t1","note":"\u001b[31mred\u0007"}`));
      return void res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bytes);
    }
    if (mode === "echo-key") {
      // the key straddles the 200-character snippet, then comes again uppercased and percent-encoded
      const key = auth.replace(/^Bearer /, "");
      const body = `${"x".repeat(190)}${key} ${key.toUpperCase()} ${encodeURIComponent(key)}`;
      return void res.writeHead(500, { "content-type": "text/plain" }).end(body);
    }
    if (mode === "key-at-cap") {
      const key = auth.replace(/^Bearer /, "");
      return void res.writeHead(200, { "content-type": "application/json" }).end(`${"x".repeat(100)}${key}${"y".repeat(100)}`);
    }
    // huge: 1 GiB of JSON-looking bytes, written as fast as the client reads
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 1024 ** 3;
    const pump = () => {
      while (written < total) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("close", () => res.removeAllListeners("drain"));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    written: () => written,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
