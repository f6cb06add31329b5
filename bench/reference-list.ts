import type { FastifyInstance } from "fastify";
import { TEST_KEYS } from "../reference/index.js";
import { buildStripeApp } from "../reference/stripe/app.js";
import { MemoryStripeStore } from "../reference/stripe/store.js";
import { seedStripe } from "../test/reference/helpers/seed.js";
import { median } from "./lib/measure.js";
import type { BenchRow } from "./lib/results.js";

const SMALL = 1_000;
const LARGE = 200_000;
const ROUNDS = 6;
const CALLS = 300;

/** A Stripe reference whose key holds `count` codes (seeded straight into its store). */
async function referenceWith(count: number): Promise<{ app: FastifyInstance; middle: string }> {
  const store = new MemoryStripeStore({ objectsPerAccount: LARGE + 10 });
  const ids = seedStripe(store, TEST_KEYS.stripe, count).map((c) => c.id);
  const app = buildStripeApp({ store });
  await app.ready();
  return { app, middle: ids[Math.floor(count / 2)]! };
}

/** mean µs per list call (in-process inject: the server's own cost, no sockets), alternating the first page and a cursor page */
async function timeLists(app: FastifyInstance, middle: string): Promise<number> {
  const headers = { authorization: `Bearer ${TEST_KEYS.stripe}`, "stripe-version": "2024-06-20" };
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const url = i % 2 === 0 ? "/v1/promotion_codes?limit=10" : `/v1/promotion_codes?limit=10&starting_after=${middle}`;
    const res = await app.inject({ method: "GET", url, headers });
    if (res.statusCode !== 200) throw new Error(`reference list: ${res.statusCode} ${res.body}`);
  }
  return ((performance.now() - started) * 1000) / CALLS;
}

/**
 * Row 5: a page of 10 promotion codes from a key holding 200,000 codes vs one holding 1,000 (ABBA
 * rounds, in-process). Lists walk an index from the cursor, so the ratio should stay near 1.
 */
export async function benchReferenceList(): Promise<BenchRow> {
  const small = await referenceWith(SMALL);
  const large = await referenceWith(LARGE);
  try {
    const smallUs: number[] = [];
    const largeUs: number[] = [];
    await timeLists(small.app, small.middle); // warm-up
    await timeLists(large.app, large.middle);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [small, large] : [large, small];
      for (const side of order) (side === small ? smallUs : largeUs).push(await timeLists(side.app, side.middle));
    }
    const s = median(smallUs);
    const l = median(largeUs);
    return {
      name: `reference: list latency, ${LARGE / 1000}k vs ${SMALL / 1000}k stored codes`,
      ratio: l / s,
      target: 1.5,
      better: "lower",
      detail: `GET /v1/promotion_codes?limit=10 (first page and after a middle cursor, ${CALLS} calls a round, in-process inject): ${l.toFixed(0)} µs at ${LARGE} codes vs ${s.toFixed(0)} µs at ${SMALL}; median of ${ROUNDS} ABBA rounds`,
    };
  } finally {
    await small.app.close();
    await large.app.close();
  }
}
