import { request } from "undici";
import { describe, expect, test } from "vitest";
import { formatFailure } from "../../contract-tests/harness/format.js";
import { freePort } from "../../contract-tests/harness/prism.js";
import { runSuite } from "../../contract-tests/harness/run-suite.js";
import type { CaseResult } from "../../contract-tests/harness/types.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { startWidgetServer, VALID_KEY, type Fault } from "./broken-server.js";
import { specLine, widgetsConfig, WIDGETS_SPEC } from "./widgets-api.js";


interface Replay {
  results: CaseResult[];
  state(title: string): string | undefined;
  report(title: string): string;
}

async function replayAt(url: string, timeoutMs = 3_000): Promise<Replay> {
  const run = await runSuite({ cwd: PROJECT_ROOT, config: widgetsConfig, target: { kind: "url", url }, apiKey: VALID_KEY, timeoutMs });
  const find = (title: string) => {
    const result = run.results.find((r) => r.case.title === title);
    if (!result) throw new Error(`no case '${title}' in ${run.results.map((r) => r.case.title).join(", ")}`);
    return result;
  };
  return { results: run.results, state: (t) => find(t).state, report: (t) => formatFailure(find(t), run.secrets) };
}

async function replay(fault: Fault, timeoutMs?: number): Promise<Replay> {
  const server = await startWidgetServer(fault);
  try {
    return await replayAt(server.url, timeoutMs);
  } finally {
    await server.close();
  }
}

describe("the harness against a correct widgets server", () => {
  test("passes every case, substituting the live id from the create into the read", async () => {
    const run = await replay("none");
    expect(run.results.filter((r) => r.state !== "passed").map((r) => formatFailure(r, []))).toEqual([]);
    expect(run.results.map((r) => r.case.title)).toEqual([
      "fixture › widget (createWidget › success)",
      "createWidget › success",
      "createWidget › missing_name",
      "createWidget › no_key",
      "getWidget › success",
      "getWidget › unknown_id",
      "createWidget › negative: missing required body 'name'",
      "createWidget › negative: wrong type for body 'count' (integer)",
      "createWidget › negative: out-of-range body 'name' (maxLength 20)",
      "createWidget › negative: unknown body field 'x_contract_unknown'",
    ]);
    const read = run.results.find((r) => r.case.title === "getWidget › success")!;
    expect(read.request?.url).toMatch(/\/widgets\/wid_2$/);
    expect(read.notes).toContain('substituted path id: "wid_doc1" → "wid_2"');
  });
});

describe("the harness reports each fault of a broken server", () => {
  test("a wrong type: ajv's path and message, the schema pointer and the spec's file:line", async () => {
    const run = await replay("wrong-type");
    const line = await specLine(/^    Widget:/, /^        count:/);
    const report = run.report("createWidget › success");
    expect(report).toContain("✗ schema: /count must be integer");
    expect(report).toContain(`schema #/components/schemas/Widget/properties/count/type at ${WIDGETS_SPEC}:${line + 1}`);
    expect(report).toContain("request: POST http://127.0.0.1:");
    expect(report).toContain('body (application/json): {"name":"blue","count":3,"metadata":{"color":"blue"}}');
  });

  test("a missing required field", async () => {
    const run = await replay("missing-field");
    const line = await specLine(/^    Widget:/, /^      required:/);
    expect(run.report("getWidget › success")).toContain("✗ schema: (root) must have required property 'created'");
    expect(run.report("getWidget › success")).toContain(`schema #/components/schemas/Widget/required at ${WIDGETS_SPEC}:${line}`);
  });

  test("an undocumented status", async () => {
    const run = await replay("undocumented-status");
    expect(run.report("createWidget › success")).toContain("✗ status: expected status 200, got 201 (undocumented: createWidget documents 200, 400, 401)");
  });

  test("an extra field where additionalProperties is false", async () => {
    const run = await replay("extra-field");
    const line = await specLine(/^    Widget:/, /^      additionalProperties: false/);
    const report = run.report("createWidget › success");
    expect(report).toContain("✗ schema: (root) must NOT have additional properties 'color'");
    expect(report).toContain(`schema #/components/schemas/Widget/additionalProperties at ${WIDGETS_SPEC}:${line}`);
  });

  test("a wrong echoed value, as a compact diff", async () => {
    const run = await replay("wrong-echo");
    const report = run.report("createWidget › success");
    expect(report).toContain("✗ echo: 1 echoed value(s) differ from the example");
    expect(report).toContain('/name: expected "blue", got "blue-changed"');
    expect(run.state("getWidget › success")).toBe("passed");
  });

  test("an error body in the wrong shape", async () => {
    const run = await replay("error-shape");
    expect(run.report("getWidget › unknown_id")).toContain("✗ schema: (root) must have required property 'error'");
    expect(run.report("createWidget › negative: missing required body 'name'")).toContain("must NOT have additional properties 'message'");
  });

  test("a 500, with the API key redacted from the body it echoes", async () => {
    const run = await replay("server-error");
    const report = run.report("createWidget › success");
    expect(report).toContain("✗ status: expected status 200, got 500");
    expect(report).toContain("internal error for Bearer [redacted]");
    expect(run.results.map((r) => formatFailure(r, [VALID_KEY])).join("\n")).not.toContain(VALID_KEY);
  });

  test("a slow answer fails that case at the time limit instead of hanging", async () => {
    // the server answers after 3 s, with a 500: a harness that waited would report a status failure instead
    const run = await replay("slow", 100);
    expect(run.report("createWidget › success")).toMatch(/✗ transport: timeout: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 100 ms/);
    const kinds = run.results.map((r) => `${r.state} ${r.failures.map((f) => `${f.check}: ${f.message.split(" from ")[0]}`).join("; ")}`);
    expect(new Set(kinds)).toEqual(new Set(["failed transport: timeout: no complete answer"]));
  });

  test("a closed socket", async () => {
    const run = await replay("closed-socket");
    expect(run.report("createWidget › success")).toMatch(/✗ transport: connection closed: http:\/\/127\.0\.0\.1:\d+ closed the socket before answering/);
  });

  test("a body that is not JSON", async () => {
    const run = await replay("not-json");
    expect(run.report("createWidget › success")).toContain("✗ content-type: response body is not JSON (content-type: text/html): <html>maintenance</html>");
  });

  test("a declared response header that is missing", async () => {
    const run = await replay("missing-header");
    expect(run.report("createWidget › success")).toContain("✗ header: header 'Request-Id' declared by the spec is missing");
  });

  test("the widgets server answers a body that is not JSON with a 400 and keeps serving", async () => {
    const server = await startWidgetServer("none");
    try {
      const post = (body: string) => request(`${server.url}/widgets`, { method: "POST", headers: { authorization: `Bearer ${VALID_KEY}`, "content-type": "application/json" }, body });
      const bad = await post("{not json");
      expect([bad.statusCode, await bad.body.json()]).toEqual([400, { error: { code: "invalid_request", message: "the body is not a JSON object" } }]);
      const good = await post('{"name":"blue"}');
      expect([good.statusCode, ((await good.body.json()) as { name: string }).name]).toEqual([200, "blue"]);
    } finally {
      await server.close();
    }
  });

  test("an unreachable target fails every case without crashing the run", async () => {
    const port = await freePort();
    const run = await replayAt(`http://127.0.0.1:${port}`);
    expect(run.results.length).toBe(10);
    expect(run.results.every((r) => r.state === "failed" && r.failures[0]!.message === `target unreachable: connection refused by http://127.0.0.1:${port}`)).toBe(true);
  });
});
