import type { FastifyInstance } from "fastify";
import { buildStripeApp } from "./stripe/app.js";
import { buildSmartpayApp } from "./smartpay/app.js";

export type ReferenceApi = "stripe" | "smartpay";
export const REFERENCE_APIS: readonly ReferenceApi[] = ["stripe", "smartpay"];

/** Keys the reference servers accept (`sk_test_` + 10 or more letters or digits, for Stripe and Smartpay alike). */
export const TEST_KEYS = {
  stripe: "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  stripeOther: "sk_test_51OtherAccountKey0000",
  smartpay: "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  smartpayOther: "sk_test_51OtherAccountKey0000",
} as const;

export interface ReferenceOptions {
  port?: number;
  host?: string;
  /** check every response against the spec: an undocumented status or invalid body becomes a 500 */
  checkResponses?: boolean;
  log?: (line: string) => void;
}

export interface RunningReference {
  url: string;
  app: FastifyInstance;
  close: () => Promise<void>;
}

export function buildReference(api: ReferenceApi, options: Omit<ReferenceOptions, "port" | "host"> = {}): FastifyInstance {
  return api === "stripe" ? buildStripeApp(options) : buildSmartpayApp(options);
}

/** Start a reference server (127.0.0.1, an ephemeral port unless told) and return its URL. */
export async function startReference(api: ReferenceApi, options: ReferenceOptions = {}): Promise<RunningReference> {
  const app = buildReference(api, options);
  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port ?? 0;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}`, app, close: () => app.close() };
}
