import type { ExampleModel } from "../model/examples.js";
import type { NotReplayedJson as NotReplayed } from "../../runtime/shared/contract.js";
import type { ApiModel } from "../model/types.js";
import type { SchemaRegistry } from "../schema/registry.js";
import type { EmittedFile } from "./emitted-file.js";
import { bannerText } from "../render/banner.js";
import type { ExampleJson, ExamplesJson, ModelJson } from "../../runtime/shared/contract.js";

/**
 * examples.json: every documented example as data for the harness (request parts, expected
 * status and body), and the examples it lists as not replayed (they break their schema). model.json: the operations (methods, paths, parameters, media types,
 * statuses, links, security) and where each validator's schema sits in the spec.
 */
export function emitExamplesAndModel(input: {
  source: string;
  api: ApiModel;
  examples: ExampleModel[];
  notReplayed: NotReplayed[];
  registry: SchemaRegistry;
}): EmittedFile[] {
  // Only paired examples (request and response) reach the model's list; the shape is the harness's.
  const examples = input.examples.flatMap(({ values: _values, response, ...rest }): ExampleJson[] => (response ? [{ ...rest, response }] : []));
  const validatorPointers: Record<string, string> = {};
  for (const v of [...input.registry.validators].sort((a, b) => a.id.localeCompare(b.id))) validatorPointers[v.id] = v.pointer;
  const model = {
    "//": bannerText(input.source),
    source: input.source,
    ...input.api,
    validatorPointers,
    defPointers: input.registry.defPointers,
  } satisfies ModelJson;
  const examplesJson = { "//": bannerText(input.source), source: input.source, examples, notReplayed: input.notReplayed } satisfies ExamplesJson;
  return [
    { path: "examples.json", content: json(examplesJson) },
    { path: "model.json", content: json(model) },
  ];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
