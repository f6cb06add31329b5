// The harness against hostile targets: what it reads is capped, keys never show (not even cut), and
// nothing a target sends reaches the terminal, the JSON report or JUnit as a raw control byte.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runContract } from "../../contract-tests/harness/cli.js";
import { escapeControl, redact, redactCut, secretForms } from "../../contract-tests/harness/format.js";
import { echoSpec, HOSTILE_KEY, startHostileTarget, type Hostility } from "./hostile-target.js";
import { capture, type Captured } from "./run-cli-inprocess.js";

let dir: string;
let spec: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "spec-contract-bounds-"));
  spec = join(dir, "echo.yaml");
  await writeFile(spec, echoSpec(true));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Throws unless the text is well-formed XML (saxes is a strict, conformance-checking parser). */
function parseXml(text: string): void {
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(text).close();
}

async function replay(mode: Hostility, extra: string[] = []): Promise<Captured & { junit: string; json: string; written: number }> {
  const target = await startHostileTarget(mode);
  const junit = join(dir, `${mode}.xml`);
  const json = join(dir, `${mode}.json`);
  try {
    const run = await capture(runContract, ["--spec", spec, "--target", target.url, "--api-key", HOSTILE_KEY, "--junit", junit, "--json", json, "--timeout", "20000", ...extra], dir);
    return { ...run, junit: await readFile(junit, "utf8"), json: await readFile(json, "utf8"), written: target.written() };
  } finally {
    await target.close();
  }
}

function expectNoKey(text: string): void {
  // not the key, nor any 8-character piece of it, in any case
  const lower = text.toLowerCase();
  for (let i = 0; i + 8 <= HOSTILE_KEY.length; i++) expect(lower).not.toContain(HOSTILE_KEY.slice(i, i + 8).toLowerCase());
  for (const form of secretForms(HOSTILE_KEY)) expect(lower).not.toContain(form.toLowerCase());
}

describe("the harness against hostile targets", () => {
  test("a 1 GB answer: reading stops at --max-response-bytes, the case fails saying so", async () => {
    const run = await replay("huge", ["--max-response-bytes", "1048576"]);
    expect(run.code).toBe(1);
    expect(run.out).toContain("response body larger than 1048576 bytes (--max-response-bytes): stopped reading");
    // the server could write only what the socket buffers held beyond the cap, never the whole gigabyte
    expect(run.written).toBeLessThan(64 * 1024 ** 2);
    parseXml(run.junit);
  }, 60_000);

  test("gzip bytes and terminal escapes: shown escaped everywhere, JUnit well-formed", async () => {
    const run = await replay("gzip");
    expect(run.code).toBe(1);
    expect(run.out).toContain("response body is not JSON");
    expect(run.out).toMatch(/\\x1f/);
    for (const text of [run.out, run.err, run.junit, run.json]) expect(text).not.toMatch(CONTROL);
    parseXml(run.junit);
    JSON.parse(run.json);
  });

  test("a key echoed across the snippet's cut, uppercased and percent-encoded: redacted in stdout, JSON and JUnit", async () => {
    const run = await replay("echo-key");
    expect(run.code).toBe(1);
    expect(run.out).toContain("[redacted]");
    for (const text of [run.out, run.err, run.junit, run.json]) expectNoKey(text);
    parseXml(run.junit);
  });

  test("a key cut by the byte cap: its first characters are redacted too", async () => {
    const run = await replay("key-at-cap", ["--max-response-bytes", "112"]);
    expect(run.code).toBe(1);
    for (const text of [run.out, run.err, run.junit, run.json]) expectNoKey(text);
  });
});

describe("redaction and escaping", () => {
  test("redaction ignores case and covers the key's encoded forms; a cut text loses a secret's beginning", () => {
    const key = "sk_test_Mixed_Case_42";
    expect(redact(`a ${key.toUpperCase()} b ${encodeURIComponent(key)} c`, secretForms(key))).toBe("a [redacted] b [redacted] c");
    expect(redactCut(`body ${key.slice(0, 9)}`, secretForms(key))).toBe("body [redacted]");
    expect(redactCut("body sk_", secretForms(key))).toBe("body sk_");
  });

  test("control characters, DEL, C1 and lone surrogates become visible escapes; tab and newline stay", () => {
    expect(escapeControl("a\u0000b\u001b[2Jc\u007fd\u0085e\ud800f\tg\nh")).toBe("a\\x00b\\x1b[2Jc\\x7fd\\x85e\\ud800f\tg\nh");
    expect(escapeControl("ok 😀")).toBe("ok 😀");
  });
});
