import { execFileSync } from "node:child_process";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { api } from "../../generated/smartpay-v1/server.js";
import { registerApi, type ApiDefinition } from "../../runtime/server/index.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/**
 * A generated server starts without loading any validator module: each operation's are imported on its
 * first request (validators/by-operation.ts). A child process records every module URL Node loads
 * (a module.register hook) before and after one request.
 */
const PROBE = `
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on("message", (url) => loaded.push(url));
const hook = "let port; export function initialize(data) { port = data.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }";
register("data:text/javascript," + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const validatorFiles = () => loaded.filter((url) => url.includes("/generated/smartpay-v1/validators")).map((url) => url.slice(url.indexOf("/generated/") + 1)).sort();
const { default: Fastify } = await import("fastify");
const { plugin } = await import("./generated/smartpay-v1/server.ts");
const app = Fastify();
await app.register(plugin, { handlers: {} });
await app.ready();
await settle();
const atStart = validatorFiles();
const first = await app.inject({ method: "POST", url: "/v1/coupons", headers: { "content-type": "application/json" }, payload: "{}" });
const second = await app.inject({ method: "POST", url: "/v1/coupons", headers: { "content-type": "application/json" }, payload: "{}" });
await settle();
const afterRequests = validatorFiles();
await app.close();
port1.close();
console.log(JSON.stringify({ atStart, afterRequests, statuses: [first.statusCode, second.statusCode], issues: first.json().issues?.length ?? 0 }));
`;

describe("a generated server's validators", () => {
  it("are not loaded at start, and an operation's request validators are loaded on its first request", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PROBE], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 60_000 });
    const result = JSON.parse(out.trim().split("\n").pop()!) as { atStart: string[]; afterRequests: string[]; statuses: number[]; issues: number };
    expect(result.atStart).toEqual(["generated/smartpay-v1/validators/by-operation.ts"]);
    // the body breaks the schema: validated on the first request as on the second
    expect(result.statuses).toEqual([400, 400]);
    expect(result.issues).toBeGreaterThan(0);
    expect(result.afterRequests).toContain("generated/smartpay-v1/validators/request.ts");
    expect(result.afterRequests).not.toContain("generated/smartpay-v1/validators.ts");
    // response validators only with checkResponses (off here)
    expect(result.afterRequests).not.toContain("generated/smartpay-v1/validators/response.ts");
  });

  it("are imported once for concurrent first requests, and again on the next request after a failed import", async () => {
    const calls: string[] = [];
    let failNext = false;
    const counted: ApiDefinition = {
      ...api,
      loadValidators: (operationId, part) => {
        calls.push(`${operationId} ${part}`);
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error("import failed"));
        }
        return api.loadValidators!(operationId, part);
      },
    };
    const app = Fastify({ logger: false });
    const logged: string[] = [];
    registerApi(app, counted, { handlers: {}, checkResponses: true, log: (line) => logged.push(line) });
    const post = () => app.inject({ method: "POST", url: "/v1/coupons", headers: { "content-type": "application/json" }, payload: "{}" });
    try {
      const answers = await Promise.all([post(), post(), post()]);
      // the body breaks the request schema; the runtime's default 400 then breaks smartpay's Error schema,
      // which checkResponses reports: both parts were loaded for the first requests
      expect(answers.map((a) => [a.statusCode, a.json().code])).toEqual([500, 500, 500].map((s) => [s, "SCS004"]));
      // with checkResponses, the response part too; once each
      expect(calls.sort()).toEqual(["createCoupon request", "createCoupon responses"]);
      failNext = true;
      calls.length = 0;
      const get = () => app.inject({ method: "GET", url: "/v1/coupons/c_1" });
      // a validator file that cannot be imported (deleted from a build…): its own code, and a log line naming the operation
      const failed = await get();
      expect([failed.statusCode, failed.json().code]).toEqual([500, "SCS005"]);
      expect(logged.filter((l) => l.startsWith("SCS005"))).toEqual(["SCS005 retrieveCoupon: its validators could not be loaded: Error: import failed"]);
      const retried = await get();
      expect(retried.statusCode).toBe(501); // validated, then no handler
      expect(calls.filter((c) => c.endsWith("request"))).toEqual(["retrieveCoupon request", "retrieveCoupon request"]);
    } finally {
      await app.close();
    }
  });
});
