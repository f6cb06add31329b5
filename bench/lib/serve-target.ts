// Child process for the server rows: `reference <stripe|smartpay>`, `bare <GET bytes> <POST bytes>` (node:http)
// `fastify <GET bytes> <POST bytes>` (a bare Fastify route per method) or `skeleton <GET bytes> <POST bytes>`
// (the generated Stripe 2024-06-20 server with handlers that answer a fixed body), or `mock <spec>`.
// Prints "listening <url>" once it accepts connections; stops when its stdin closes or on SIGTERM,
// exiting normally so `--cpu-prof` (BENCH_PROFILE_DIR) can write its profile.
import { createServer, type Server } from "node:http";
import Fastify from "fastify";
import { startMock } from "../../mock/server.js";
import { startReference, type ReferenceApi } from "../../reference/index.js";
import { api as stripeApi } from "../../generated/stripe-2024-06-20/server.js";
import { registerApi, type HandlerResponse } from "../../runtime/server/index.js";

/** A node:http server answering every request with a fixed JSON body of the given size (per method). */
function startBare(sizes: { GET: number; POST: number }): Promise<{ url: string; close: () => Promise<void> }> {
  const bodies = { GET: fixedJson(sizes.GET), POST: fixedJson(sizes.POST) };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body = req.method === "POST" ? bodies.POST : bodies.GET;
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** A bare Fastify app (no hooks, no validation) answering the same fixed JSON bodies as startBare. */
async function startBareFastify(sizes: { GET: number; POST: number }): Promise<{ url: string; close: () => Promise<void> }> {
  const bodies = { GET: fixedJson(sizes.GET), POST: fixedJson(sizes.POST) };
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
  const answer = (body: Buffer) => (_request: unknown, reply: { type(t: string): { send(b: Buffer): unknown } }) => reply.type("application/json; charset=utf-8").send(body);
  app.get("/*", answer(bodies.GET));
  app.post("/*", answer(bodies.POST));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/**
 * The generated skeleton for Stripe 2024-06-20 (auth extraction, a synchronous onAuth that accepts every
 * request, query parsing, validation) with handlers that answer `{id: "xxx…"}` of the given sizes:
 * what the runtime costs without the reference's own handlers and store.
 */
async function startSkeleton(sizes: { GET: number; POST: number }): Promise<{ url: string; close: () => Promise<void> }> {
  const answers = { GET: fixedAnswer(sizes.GET), POST: fixedAnswer(sizes.POST) };
  const handlers = Object.create(null) as Record<string, () => HandlerResponse>;
  for (const op of stripeApi.operations) handlers[op.handler] = () => (op.method === "POST" ? answers.POST : answers.GET);
  const app = Fastify({ logger: false });
  registerApi(app, stripeApi, { handlers, onAuth: () => undefined });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

function fixedAnswer(bytes: number): HandlerResponse {
  return { status: 200, body: JSON.parse(fixedJson(bytes).toString()) as unknown };
}

/** `{"id":"xxxx…"}` padded to exactly `bytes` bytes. */
function fixedJson(bytes: number): Buffer {
  const shell = '{"id":""}';
  return Buffer.from(`{"id":"${"x".repeat(Math.max(0, bytes - shell.length))}"}`);
}

async function main(): Promise<void> {
  const [kind, a, b] = process.argv.slice(2);
  const sizes = { GET: Number(a), POST: Number(b) };
  const running =
    kind === "reference"
      ? await startReference(a as ReferenceApi, { port: 0, host: "127.0.0.1" })
      : kind === "mock"
        ? await startMock({ spec: a!, cwd: process.cwd() })
        : kind === "bare"
          ? await startBare(sizes)
          : kind === "fastify"
            ? await startBareFastify(sizes)
            : kind === "skeleton"
              ? await startSkeleton(sizes)
              : undefined;
  if (!running) throw new Error(`usage: serve-target.ts reference <api> | mock <spec> | bare|fastify|skeleton <GET bytes> <POST bytes>`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.stdin.on("end", () => void stop());
  process.stdin.on("close", () => void stop());
  process.stdin.resume();
  process.on("SIGTERM", () => void stop());
  process.stdout.write(`listening ${running.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve-target: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
