// The worker thread of types-thread.ts: computes types.ts's openapi-typescript text and sends it back.
import { parentPort, workerData } from "node:worker_threads";
import { NO_CACHE, openCache } from "../cache/store.js";
import type { TypesJob } from "./types-thread.js";
import { typesText } from "./types.js";

const job = workerData as TypesJob;
const cache = job.cache ? openCache(job.cache.dir, job.cache.namespace, job.cache.version) : NO_CACHE;
const text = await typesText(job.json, cache);
cache.flush();
parentPort!.postMessage(text);
