import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runContract } from "../../contract-tests/harness/cli.js";
import { planCases } from "../../contract-tests/harness/plan.js";
import { freePort } from "../../contract-tests/harness/prism.js";
import type { TargetKind } from "../../contract-tests/harness/types.js";
import { runGenerate } from "../../generator/cli.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { startWidgetServer, VALID_KEY } from "./broken-server.js";
import { echoSpec, startHostileTarget } from "./hostile-target.js";
import { loadRepoApi } from "./repo-apis.js";
import { capture } from "./run-cli-inprocess.js";
import { WIDGETS_SPEC } from "./widgets-api.js";

/** The summary counts a run must report, derived from the plan itself (not from a past run). */
async function expectedCounts(api: string, target: TargetKind) {
  const cases = planCases(await loadRepoApi(api), target);
  const examples = cases.filter((c) => c.kind === "example");
  const negatives = cases.filter((c) => c.kind === "negative");
  const applicable = (list: typeof cases) => list.filter((c) => !c.notApplicable);
  return {
    tests: cases.length,
    replayed: applicable(examples).length,
    notApplicable: cases.filter((c) => c.notApplicable).length,
    negative: applicable(negatives).length,
    operations: new Set(applicable(cases).map((c) => c.operationId)).size,
  };
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "spec-contract-harness-cli-"));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const test_ = (argv: string[], cwd = PROJECT_ROOT) => capture(runContract, argv, cwd);

describe("spec-contract test with this repository's config", () => {
  // Prism itself: test/slow/prism-suite.test.ts (the whole suite) and test/slow/prism-lifecycle.test.ts (start, stop); prism-lifecycle.test.ts here (stand-ins).
  test("replays an API against a target: a line per case, n/a with its reason, the summary, JUnit and JSON reports, exit 0", async () => {
    const junit = join(out, "smartpay.xml");
    const json = join(out, "smartpay.json");
    const result = await test_(["smartpay-v1", "--target", "mock", "--junit", junit, "--json", json]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("smartpay-v1 @ mock");
    expect(result.out).toMatch(/✓ createPromotionCode › success {2}\d+ ms/);
    expect(result.out).toContain("– listPromotionCodes › bad_api_key  not applicable to mock: the mock checks that credentials are present");
    const n = await expectedCounts("smartpay-v1", "mock");
    const row = ["smartpay-v1", "mock", n.replayed, n.replayed, 0, n.notApplicable, `${n.negative}/${n.negative}`, `${n.operations}/${n.operations}`].join("\\s+");
    expect(result.out).toMatch(new RegExp(`${row.replace(/\./g, "\\.")}\\s+\\d+/\\d+`));
    expect(result.out).toContain("all contract checks passed");
    const report = JSON.parse(await readFile(json, "utf8")) as { summary: { examples: { passed: number } }[]; cases: { state: string }[] };
    expect(report.summary[0]!.examples.passed).toBe(n.replayed);
    expect(report.cases.filter((c) => c.state === "not-applicable")).toHaveLength(n.notApplicable);
    expect(await readFile(junit, "utf8")).toContain(`<testsuite name="smartpay-v1 @ mock" tests="${n.tests}" failures="0" skipped="${n.notApplicable}"`);
  }, 120_000);

  test("a closed port is a setup failure: one message, exit 2, nothing 'passed', the key never printed", async () => {
    const port = await freePort();
    const secret = "sk_test_do_not_print_me_123";
    const result = await test_(["smartpay-v1", "--target", `http://127.0.0.1:${port}`, "--api-key", secret, "--timeout", "2000"]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`spec-contract test: smartpay-v1: the target does not answer: target unreachable: connection refused by http://127.0.0.1:${port}`);
    expect(result.out).not.toContain("passed");
    expect(result.out + result.err).not.toContain(secret);
  });

  test("a second run against the same stateful target passes: unique codes get a per-run suffix, created objects are cleaned up", async () => {
    const { startReference } = await import("../../reference/index.js");
    const reference = await startReference("smartpay", { host: "127.0.0.1", port: 0 });
    try {
      const first = await test_(["smartpay-v1", "--target", reference.url]);
      const second = await test_(["smartpay-v1", "--target", reference.url]);
      expect(first.out).toContain("all contract checks passed");
      expect(second.out).toContain("all contract checks passed");
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(second.out).toMatch(/cleaned up [1-9]\d* object\(s\) the run created/);
    } finally {
      await reference.close();
    }
  });

  test("usage errors exit 2 and name the problem", async () => {
    const unknown = await test_(["nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown API 'nope' (known: smartpay-v1, stripe-2024-06-20, stripe-2025-09-30.clover)");
    const target = await test_(["smartpay-v1", "--target", "ftp://example.com"]);
    expect(target.err).toContain("--target must be reference, prism, mock or an http(s) URL, got 'ftp://example.com'");
    const shard = await test_(["smartpay-v1", "--shard", "3/2"]);
    expect(shard.err).toContain("--shard must be <i>/<n> with 1 ≤ i ≤ n, got '3/2'");
    const header = await test_(["smartpay-v1", "--header", "no colon"]);
    expect(header.err).toContain("--header must be 'Name: value', got 'no colon'");
    expect([target.code, shard.code, header.code]).toEqual([2, 2, 2]);
  });
});

describe("spec-contract test --spec, outside any project", () => {
  const specFile = async (name: string, text: string) => {
    const file = join(out, name);
    await writeFile(file, text);
    return file;
  };

  test("replays any spec against any URL from flags alone, with --api-key", async () => {
    const server = await startWidgetServer("none");
    try {
      const result = await test_(["--spec", join(PROJECT_ROOT, WIDGETS_SPEC), "--target", server.url, "--api-key", VALID_KEY], out);
      expect(result.err).toBe("");
      expect(result.out).toContain("✓ getWidget › success");
      expect(result.out).toContain("all contract checks passed");
      expect(result.code).toBe(0);
    } finally {
      await server.close();
    }
  });

  test("an API without security gets no key warning; --header goes with every request", async () => {
    const target = await startHostileTarget("fine");
    try {
      const result = await test_(["--spec", await specFile("open.yaml", echoSpec(false)), "--target", target.url, "--header", "X-Tenant: acme", "--header", "X-Trace: 1"], out);
      expect(result.err).toBe("");
      expect(result.code).toBe(0);
      const replayed = target.requests.filter((h) => h["x-tenant"] !== undefined);
      expect(replayed.length).toBeGreaterThan(0);
      expect(replayed.every((h) => h["x-tenant"] === "acme" && h["x-trace"] === "1" && h.authorization === undefined)).toBe(true);
    } finally {
      await target.close();
    }
  });

  test("a secured spec with no key against a URL warns once", async () => {
    const target = await startHostileTarget("fine");
    try {
      const result = await test_(["--spec", await specFile("secured.yaml", echoSpec(true)), "--target", target.url], out);
      expect(result.err).toBe("spec-contract test: secured: no API key (pass --api-key or set auth.env in the config); requests go without credentials");
    } finally {
      await target.close();
    }
  });

  test("setup failures exit 2 with one message: a spec that does not load, a spec with no examples, Prism missing", async () => {
    const missing = await test_(["--spec", join(out, "nope.yaml"), "--target", "http://127.0.0.1:1"], out);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot read the spec");
    const broken = await test_(["--spec", await specFile("broken.yaml", "openapi: 3.1.0\ninfo: [\n"), "--target", "http://127.0.0.1:1"], out);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain("the spec does not load:");
    const bare = 'openapi: 3.1.0\ninfo: { title: Bare, version: "1" }\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        "204": { description: Pong. }\n';
    const none = await test_(["--spec", await specFile("bare.yaml", bare), "--target", "http://127.0.0.1:1"], out);
    expect(none.err).toContain("documents no examples, so there is nothing to replay");
    expect(none.code).toBe(2);
    const prism = await test_(["--spec", await specFile("p.yaml", echoSpec(false)), "--target", "prism"], out);
    expect(prism.code).toBe(2);
    expect(prism.err).toContain("Prism is not installed in this project");
    expect(prism.err).toContain("npm i -D @stoplight/prism-cli@5.14");
    for (const r of [missing, broken, none, prism]) expect(r.out).not.toContain("passed");
  });
});

describe("a configured API whose generated output is stale", () => {
  test("says which files differ and stops with exit 1 before any request", async () => {
    const project = join(out, "stale");
    await mkdir(project, { recursive: true });
    await cp(join(PROJECT_ROOT, WIDGETS_SPEC), join(project, "widgets.yaml"));
    const config = { apis: [{ name: "widgets", spec: "widgets.yaml", output: "api", target: "http://127.0.0.1:1" }] };
    await writeFile(join(project, "spec-contract.config.json"), JSON.stringify(config));
    const generated = await capture(runGenerate, ["--quiet"], project);
    expect(generated.code, generated.err).toBe(0);
    const spec = await readFile(join(project, "widgets.yaml"), "utf8");
    await writeFile(join(project, "widgets.yaml"), spec.replace("summary: Create a widget", "summary: Create one widget"));
    const result = await capture(runContract, [], project);
    expect(result.code).toBe(1);
    expect(result.err).toContain("stale:   api/");
    expect(result.err).toContain("spec-contract test: widgets: api/ is out of date with widgets.yaml: run `spec-contract generate` first");
    expect(result.out).toBe("");
  }, 60_000);
});

describe("a config that names what the spec does not have", () => {
  test("an unknown fixture example or auth scheme is a setup error naming it (exit 2)", async () => {
    const project = join(out, "bad-refs");
    await mkdir(project, { recursive: true });
    await cp(join(PROJECT_ROOT, WIDGETS_SPEC), join(project, "widgets.yaml"));
    const api = { name: "widgets", spec: "widgets.yaml", target: "http://127.0.0.1:1" };
    await writeFile(join(project, "spec-contract.config.json"), JSON.stringify({ apis: [{ ...api, fixtures: [{ name: "w", operationId: "createWidget", example: "nope" }] }] }));
    const fixture = await capture(runContract, [], project);
    expect(fixture.code).toBe(2);
    expect(fixture.err).toBe("spec-contract test: widgets: widgets: fixture 'w' names example createWidget › nope, which the spec does not have");
    await writeFile(join(project, "spec-contract.config.json"), JSON.stringify({ apis: [{ ...api, auth: { scheme: "oauth" } }] }));
    const scheme = await capture(runContract, ["--target", "http://127.0.0.1:1"], project);
    expect(scheme.code).toBe(2);
    expect(scheme.err).toContain("auth.scheme 'oauth' is not a securityScheme of the spec (it has: bearerAuth)");
  });
});
