import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/**
 * The precompiled validators (plain JavaScript in .ts files, loaded here through tsx) must load and validate with no ajv compilation at run time:
 * a child process records every module it loads and fails if ajv's compiler is among them.
 */
const PROBE = `
import Module from "node:module";
const loaded = [];
const original = Module._load;
Module._load = function (request, parent, isMain) { loaded.push(request); return original.apply(this, arguments); };
const v = await import("./generated/stripe-2024-06-20/validators/response.ts");
const good = { object: "list", data: [], has_more: false, url: "/v1/promotion_codes" };
const okList = v.GetPromotionCodesResponse200(good);
const badList = v.GetPromotionCodesResponse200({ object: "list", data: "nope" });
const errors = v.GetPromotionCodesResponse200.errors?.map((e) => e.instancePath + " " + e.message);
console.log(JSON.stringify({ okList, badList, errors, loaded }));
`;

describe("standalone validators", () => {
  it("validate without loading ajv's compiler", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PROBE], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 60_000 });
    const result = JSON.parse(out) as { okList: boolean; badList: boolean; errors: string[]; loaded: string[] };
    expect(result.okList).toBe(true);
    expect(result.badList).toBe(false);
    expect(result.errors).toContain("/data must be array");
    expect(result.errors.length).toBeGreaterThan(1); // allErrors on the response module
    const compilerModules = result.loaded.filter((m) => /ajv(\/dist\/(ajv|2020|core|compile))?(\.js)?$/.test(m) || m.includes("ajv/dist/compile"));
    expect(compilerModules).toEqual([]);
    expect(result.loaded.some((m) => m.includes("ajv/dist/runtime"))).toBe(true);
  });
});
