import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../document/diagnostics.js";
import { GENERATE_HELP } from "../../generator/cli.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { RUNTIME_ERROR_CODES } from "../../runtime/shared/error-codes.js";

const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

describe("README stays true", () => {
  it("lists exactly the diagnostic codes the generator has, with the same meaning", () => {
    const rows = [...readme.matchAll(/^\| (SC\d{3}) \| [a-z ]+ \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows.map((r) => r[0])).toEqual(Object.keys(DIAGNOSTIC_CODES));
    for (const [code, text] of rows) {
      const meaning = DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES];
      expect(text!.startsWith(meaning.replace(/\.$/, "")), `${code}: README says "${text}", code says "${meaning}"`).toBe(true);
    }
  });

  it("lists exactly the runtime error codes (client SCC…, server SCS…), with the same meaning", () => {
    const rows = [...readme.matchAll(/^\| (SC[CS]\d{3}) \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows.map((r) => r[0])).toEqual(Object.keys(RUNTIME_ERROR_CODES));
    for (const [code, text] of rows) expect(text, code).toBe(RUNTIME_ERROR_CODES[code as keyof typeof RUNTIME_ERROR_CODES]);
  });

  it("shows every generate flag", () => {
    for (const flag of GENERATE_HELP.match(/--[a-z-]+/g)!) expect(readme, flag).toContain(flag);
  });
});
