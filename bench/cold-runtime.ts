// Child process for the validator cold-start row: compile one operation's schemas with ajv at run time
// (each in an ajv of its module's options, as generate does), validate once.
import { readFileSync } from "node:fs";

const started = performance.now();
const { createAjv } = await import("../generator/schema/compile.js");
const { resources, validators, formats, sample } = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as {
  resources: object[];
  validators: { id: string; module: "request" | "request-json" | "response"; schema: object }[];
  formats: string[];
  sample: { id: string; data: unknown };
};
const ajvs = new Map<string, ReturnType<typeof createAjv>>();
for (const v of validators) {
  let ajv = ajvs.get(v.module);
  if (!ajv) {
    ajvs.set(v.module, (ajv = createAjv(v.module, formats)));
    ajv.addSchema(resources);
  }
  ajv.addSchema(v.schema, v.id);
}
for (const v of validators) ajvs.get(v.module)!.getSchema(v.id);
const owner = validators.find((v) => v.id === sample.id)!;
const valid = ajvs.get(owner.module)!.getSchema(sample.id)!(sample.data);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, valid }));
