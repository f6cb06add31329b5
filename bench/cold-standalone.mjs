// Child process for the validator cold-start row: load the precompiled module, validate once.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const started = performance.now();
const { sample } = JSON.parse(readFileSync(process.argv[3], "utf8"));
const module = await import(pathToFileURL(process.argv[2]).href);
const valid = module[sample.id](sample.data);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, valid }));
