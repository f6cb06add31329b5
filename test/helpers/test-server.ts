import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningTestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A node:http server on 127.0.0.1 and a free port that buffers each request body and hands it to
 * `onRequest`; `close()` also drops open connections, so a test never waits on a hung socket.
 */
export async function startTestServer(onRequest: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<RunningTestServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => onRequest(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
