import { afterAll, describe, expect, it } from "vitest";
import { stringForPattern } from "../../mock/pattern.js";
import { createRandom } from "../../mock/random.js";
import { buildMock } from "../../mock/server.js";
import { KEY, petsMock, responseErrors, ROOT, sweep } from "./helpers.js";

describe("generated data", () => {
  const mock = petsMock({ seed: 7 });
  afterAll(() => mock.app.close());

  it("honours type, format, enum, bounds, lengths, pattern, uniqueItems, oneOf with discriminators, nullable, allOf, anyOf (200 draws)", async () => {
    const seen = { cat: 0, dog: 0, nullMaybe: 0 };
    for (let i = 0; i < 200; i++) {
      const res = await mock.app.inject({ method: "GET", url: "/shapes" });
      expect(responseErrors(mock, "getShapes", res)).toEqual([]);
      const body = res.json();
      expect(body.code).toMatch(/^[A-Z]{3}-[0-9]{4}$/);
      expect(body.even % 2).toBe(0);
      expect(body.merged).toMatchObject({ a: "x", b: expect.any(Boolean) });
      // the discriminator's mapping name for Circle, the component name for Square (unconstrained `kind: string`)
      expect(body.shape.kind).toBe("radius" in body.shape ? "round" : "Square");
      if (body.animal.petType === "cat") seen.cat++;
      else seen.dog++;
      if (body.maybe === null) seen.nullMaybe++;
      else expect(Number.isNaN(Date.parse(body.maybe))).toBe(false);
    }
    expect(seen.cat).toBeGreaterThan(20);
    expect(seen.dog).toBeGreaterThan(20);
  });

  it("is the same for the same seed and differs for another", async () => {
    const draw = async (seed: number) => {
      const other = petsMock({ seed });
      const bodies = [];
      for (let i = 0; i < 3; i++) bodies.push((await other.app.inject({ method: "GET", url: "/owners", headers: KEY })).body);
      await other.app.close();
      return bodies;
    };
    expect(await draw(42)).toEqual(await draw(42));
    expect(await draw(42)).not.toEqual(await draw(43));
  });

  it("writes strings for common patterns and gives up on the rest", () => {
    const random = createRandom(3);
    for (const pattern of ["^[a-z]{2,5}_[0-9]+$", "^(foo|bar)-\\d{3}$", "^\\w+@\\w+\\.com$", "^[A-F0-9]{8}(-[A-F0-9]{4}){3}$"]) {
      expect(stringForPattern(pattern, random), pattern).toMatch(new RegExp(pattern));
    }
    expect(stringForPattern("^(?=a)b$", random)).toBeUndefined();
    expect(stringForPattern("^/v1/items/[^/]+/lines", random)).toMatch(/^\/v1\/items\/[^/]+\/lines/);
    expect(stringForPattern("^\\bx$", random)).toBeUndefined();
  });

  // Stripe's full description (5 MB): test/slow/mock-generated-data.test.ts (`npm run test:slow`).
  it("validates for every response of our Stripe spec, under several seeds", () => {
    const { spec, app } = buildMock({ spec: "spec/stripe/2024-06-20.yaml", cwd: ROOT });
    for (const seed of [1, 2, 3]) {
      const { checked, failures } = sweep(spec, seed);
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(20);
    }
    void app.close();
  });
});
