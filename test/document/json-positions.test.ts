import { describe, expect, it } from "vitest";
import { parseSource } from "../../document/source.js";

// A JSON spec is parsed with JSON.parse; positions come from a light JSON syntax tree. They must be
// where the YAML parser (which reads JSON too) puts them: the same text behind a YAML comment line
// goes through the YAML parser, one line further down.
const JSON_TEXT = `{
  "openapi": "3.1.0",
  "paths": {
    "/pets/{id}": {
      "get": { "parameters": [ { "name": "id", "in": "path" }, { "name": "a~b/c", "in": "query" } ] }
    }
  },
  "components": { "schemas": { "Pet": { "type": "object", "properties": { "tags": { "type": "array", "items": [1, 2, {"x": true}] } } } } }
}
`;

const POINTERS = [
  "#",
  "#/openapi",
  "#/paths/~1pets~1{id}/get",
  "#/paths/~1pets~1{id}/get/parameters/1/name",
  "#/components/schemas/Pet/properties/tags/items/2/x",
  "#/components/schemas/Pet/missing/deeper",
  "#/paths/~1pets~1{id}/get/parameters/7",
];

describe("positions in a JSON spec", () => {
  it("agree with the YAML parser's for keys, array items and the deepest existing part of a pointer", () => {
    const json = parseSource("spec.json", JSON_TEXT).doc!;
    const yaml = parseSource("spec.yaml", `# as YAML\n${JSON_TEXT}`).doc!;
    for (const pointer of POINTERS) {
      const viaYaml = yaml.locate(pointer);
      expect(json.locate(pointer), pointer).toEqual({ line: viaYaml.line - 1, column: viaYaml.column });
    }
    expect(json.locate("#/paths/~1pets~1{id}/get/parameters/1/name")).toEqual({ line: 5, column: 66 });
  });
});
