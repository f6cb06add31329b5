// Child process for the validator cold-start row: compile the response schemas with ajv at run time, validate once.
import { readFileSync } from "node:fs";

const started = performance.now();
const { createAjv } = await import("../generator/schema/compile.js");
const { resources, validators, formats, sample } = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as {
  resources: object[];
  validators: { id: string; schema: object }[];
  formats: string[];
  sample: { id: string; data: unknown };
};
const ajv = createAjv("response", formats);
ajv.addSchema(resources);
for (const v of validators) ajv.addSchema(v.schema, v.id);
for (const v of validators) ajv.getSchema(v.id);
const valid = ajv.getSchema(sample.id)!(sample.data);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, valid }));
