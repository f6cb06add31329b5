import { describe, expect, it } from "vitest";
import { diffSides } from "../../diff/index.js";
import { RULES } from "../../diff/rules.js";
import { sideFromText } from "../../diff/sources.js";
import { CASES, doc, responseSchema, type Json } from "./rule-cases.js";

function diff(before: Json, after: Json) {
  return diffSides(sideFromText("old.json", JSON.stringify(before, null, 2)), sideFromText("new.json", JSON.stringify(after, null, 2)));
}

describe("diff rules", () => {
  it.each(CASES)("$rule: clients $client, servers $server", (c) => {
    const { changes } = diff(c.old, c.new);
    expect(changes.map((x) => ({ rule: x.rule, client: x.client, server: x.server }))).toEqual([
      { rule: c.rule, client: c.client, server: c.server },
    ]);
    const [change] = changes;
    expect(change!.operations).toEqual(["POST /things/{id}"]);
    expect(change!.old?.file).toBe("old.json");
    expect(change!.new?.file).toBe("new.json");
    expect(change!.old!.line).toBeGreaterThan(0);
  });

  it("has a case for every rule it knows", () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(Object.keys(RULES)));
  });

  it("answers nothing for a document compared with itself, nor for renamed path parameters", () => {
    for (const c of CASES) expect(diff(c.old, c.old).changes).toEqual([]);
    const renamed = JSON.parse(JSON.stringify(doc()).replace("{id}", "{thing}")) as Json;
    expect(diff(doc(), renamed).changes).toEqual([]);
  });

  it("walks recursive schemas through $ref once and names every operation that reaches a change", () => {
    const node = (extra: Json): Json => ({ type: "object", properties: { child: { $ref: "#/components/schemas/node" }, ...extra } });
    const withNode = (schema: Json): Json => {
      const d = responseSchema({ $ref: "#/components/schemas/node" });
      const paths = d.paths as Json;
      paths["/other"] = { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/node" } } } } } } };
      return { ...d, components: { ...(d.components as Json), schemas: { node: schema } } };
    };
    const { changes } = diff(withNode(node({ name: { type: "string" } })), withNode(node({})));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      rule: "response-property-removed",
      operations: ["GET /other", "POST /things/{id}"],
      old: { pointer: "#/components/schemas/node/properties/name" },
      new: { pointer: "#/components/schemas/node" },
    });
  });

  it("says where a removed property went when a new property holds it", () => {
    const before = responseSchema({ type: "object", properties: { coupon: { type: "string" } }, required: ["coupon"] });
    const after = responseSchema({
      type: "object",
      properties: { promotion: { type: "object", properties: { coupon: { type: "string" } } } },
      required: ["promotion"],
    });
    const removed = diff(before, after).changes.find((c) => c.rule === "response-property-removed");
    expect(removed?.message).toContain("now at `promotion.coupon`");
  });
});
