import { describe, expect, it } from "vitest";
import { parseSource } from "../../document/source.js";
import { normalizeRefs } from "../../document/refs.js";

function normalize(yaml: string, files: Record<string, string> = {}) {
  const doc = parseSource("spec.yaml", yaml).doc!;
  return normalizeRefs(
    doc,
    (path) => {
      const name = path.split("/").pop()!;
      return files[name] === undefined ? undefined : parseSource(name, files[name]).doc;
    },
    "/virtual/spec.yaml",
  );
}

describe("normalizeRefs", () => {
  it("resolves $id and $anchor targets (JSON Schema 2020-12) to local pointers and drops $id", () => {
    const { root, diagnostics } = normalize(`
openapi: 3.1.0
components:
  schemas:
    Kind: { $id: "https://x.example/kind", type: string }
    Meta: { $anchor: meta, type: object }
    Use:
      properties:
        a: { $ref: "https://x.example/kind" }
        b: { $ref: "#meta" }
        c: { $ref: "#/components/schemas/Kind" }
`);
    expect(diagnostics).toEqual([]);
    const use = (root as any).components.schemas.Use.properties;
    expect(use).toEqual({
      a: { $ref: "#/components/schemas/Kind" },
      b: { $ref: "#/components/schemas/Meta" },
      c: { $ref: "#/components/schemas/Kind" },
    });
    expect((root as any).components.schemas.Kind.$id).toBeUndefined();
  });

  it("inlines external files, including their own refs", () => {
    const { root, diagnostics } = normalize(`openapi: 3.1.0\nx: { $ref: "./common.yaml#/Error" }\n`, {
      "common.yaml": "Error:\n  type: object\n  properties:\n    code: { $ref: '#/Code' }\nCode: { type: string }\n",
    });
    expect(diagnostics).toEqual([]);
    expect((root as any).x).toEqual({ type: "object", properties: { code: { type: "string" } } });
  });

  it("reports each unresolvable ref with file:line:col and keeps going", () => {
    const { diagnostics } = normalize(`openapi: 3.1.0\na: { $ref: "#/nope" }\nb:\n  $ref: "./missing.yaml#/X"\nc: { $ref: "https://elsewhere.example/s" }\n`);
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.pointer}`)).toEqual([
      "SC003 2:6 #/a/$ref",
      "SC003 4:3 #/b/$ref",
      "SC003 5:6 #/c/$ref",
    ]);
  });

  it("a property literally named $ref is not a reference", () => {
    const { root, diagnostics } = normalize(`openapi: 3.1.0\ns: { type: object, properties: { $ref: { type: string } } }\n`);
    expect(diagnostics).toEqual([]);
    expect((root as any).s.properties.$ref).toEqual({ type: "string" });
  });
});
