import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildRequest, sendRequest } from "../../contract-tests/harness/http.js";
import type { LoadedApi } from "../../contract-tests/harness/load-api.js";
import { loadRepoApi } from "./repo-apis.js";
import { startTarget } from "../../contract-tests/harness/target.js";
import type { RunningTarget } from "../../contract-tests/harness/prism.js";
import type { OperationJson } from "../../contract-tests/harness/types.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

const noParams = { path: {}, query: {}, header: {}, cookie: {} };
const formOperation: OperationJson = { operationId: "postThings", method: "post", path: "/v1/things", parameters: [], responses: [], security: [], pointer: "#" };

describe("the harness encodes form bodies like the generated client", () => {
  test("keys are percent-encoded (brackets kept) and arrays of objects are indexed", () => {
    const request = buildRequest({
      baseUrl: "http://127.0.0.1:1",
      operation: formOperation,
      params: noParams,
      mediaType: "application/x-www-form-urlencoded",
      body: { metadata: { "a&b": "1", "x=y": "2" }, items: [{ price: "p_1", quantity: 2 }, { price: "p_2" }], expand: ["coupon"] },
      headers: {},
    });
    expect(request.body).toBe("metadata[a%26b]=1&metadata[x%3Dy]=2&items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2&expand[]=coupon");
  });
});

describe("a metadata key with & and = round-trips through the Stripe reference server", () => {
  let api: LoadedApi;
  let running: RunningTarget;
  const agent = new Agent();
  beforeAll(async () => {
    api = await loadRepoApi("stripe-2024-06-20");
    running = await startTarget(PROJECT_ROOT, api, { kind: "reference" });
  });
  afterAll(async () => {
    await agent.close();
    await running?.close();
  });

  test("metadata[a&b]=1 comes back as the key 'a&b'", async () => {
    const operation = api.model.operations.find((o) => o.operationId === "PostCoupons")!;
    const example = api.examples.find((e) => e.operationId === "PostCoupons" && e.name === "success")!;
    const request = buildRequest({
      baseUrl: running.url,
      operation,
      params: noParams,
      mediaType: "application/x-www-form-urlencoded",
      body: { ...(example.request.body as object), metadata: { "a&b": "1", "x=y": "2" } },
      headers: { authorization: `Bearer ${api.config.auth!.testKey!}`, "stripe-version": api.model.version },
    });
    const outcome = await sendRequest(agent, request, 5_000);
    expect(outcome.ok && outcome.status).toBe(200);
    const body = JSON.parse(outcome.ok ? outcome.text : "{}") as { metadata?: Record<string, string> };
    expect(body.metadata).toEqual({ "a&b": "1", "x=y": "2" });
  });
});
