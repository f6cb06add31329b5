// Child process for the validator cold-start row: import one operation's precompiled validator files
// (as its validators/by-operation.js loader does), validate once.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const started = performance.now();
const { files, sample } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const modules = await Promise.all(files.map((file) => import(pathToFileURL(file).href)));
const module = modules.find((m) => typeof m[sample.id] === "function");
const valid = module[sample.id](sample.data);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, valid }));
