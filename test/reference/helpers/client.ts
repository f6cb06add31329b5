import { afterAll, beforeAll, expect } from "vitest";
import qs from "qs";
import { startReference, TEST_KEYS, type ReferenceApi, type RunningReference } from "../../../reference/index.js";

export interface Sent {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  form?: Record<string, unknown> | string;
  json?: unknown;
  key?: string | null;
  basic?: boolean;
  version?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

/** A reference server with response checking on, and a client that records any logged check failure. */
export async function startChecked(api: ReferenceApi): Promise<{ server: RunningReference; logs: string[]; call: Caller }> {
  const logs: string[] = [];
  const server = await startReference(api, { checkResponses: true, log: (line) => logs.push(line) });
  const defaultKey = api === "stripe" ? TEST_KEYS.stripe : TEST_KEYS.smartpay;
  const call: Caller = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? defaultKey : options.key;
    if (key !== null) {
      headers.authorization = options.basic || api === "smartpay" ? `Basic ${Buffer.from(`${key}:`).toString("base64")}` : `Bearer ${key}`;
    }
    if (options.version) headers["stripe-version"] = options.version;
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    let body: string | undefined;
    if (options.form !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = typeof options.form === "string" ? options.form : qs.stringify(options.form, { arrayFormat: "brackets" });
    } else if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const res = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  return { server, logs, call };
}

export type Caller = (method: string, path: string, options?: CallOptions) => Promise<Sent>;

/**
 * For a test file: start a checked reference before its tests, stop it after them, and fail the file
 * if any response broke the spec (a logged check failure). Answers the live server and caller.
 */
export function useCheckedReference(api: ReferenceApi): { call: Caller; url: () => string } {
  let running: Awaited<ReturnType<typeof startChecked>> | undefined;
  beforeAll(async () => {
    running = await startChecked(api);
  });
  afterAll(async () => {
    await running?.server.close();
    expect(running?.logs ?? []).toEqual([]);
  });
  return { call: (method, path, options) => running!.call(method, path, options), url: () => running!.server.url };
}
