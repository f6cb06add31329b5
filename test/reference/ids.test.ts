import { describe, expect, it } from "vitest";
import { randomString, smartpayIds, stripeIds } from "../../reference/ids.js";

/** How often each character of `alphabet` appears in `draws` strings of `length`. */
function tally(alphabet: string, draws: number, length: number): number[] {
  const counts = new Array<number>(alphabet.length).fill(0);
  for (let i = 0; i < draws; i++) {
    for (const char of randomString(length, alphabet)) counts[alphabet.indexOf(char)]!++;
  }
  return counts;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe("reference ids", () => {
  it("have the documented shapes, from the alphabet only", () => {
    expect(stripeIds.request()).toMatch(/^req_[0-9A-Za-z]{14}$/);
    expect(stripeIds.promotionCode()).toMatch(/^promo_[0-9A-Za-z]{24}$/);
    expect(stripeIds.coupon()).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(stripeIds.code()).toMatch(/^[0-9A-Z]{8}$/);
    expect(smartpayIds.promotionCode()).toMatch(/^promotioncode_test_[0-9A-Za-z]{22}$/);
  });

  it("do not repeat, across many refills of the random pool", () => {
    const ids = Array.from({ length: 20_000 }, () => stripeIds.request());
    expect(new Set(ids).size).toBe(ids.length);
  });

  // 256 is not a multiple of 62 or 36: taking `byte % size` without rejection would make the first
  // 256 % size characters 25 % (62) or 14 % (36) more frequent than the others.
  it.each([
    ["62 letters and digits", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"],
    ["36 upper-case letters and digits", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
  ])("draw every character of %s equally often (no modulo bias)", (_name, alphabet) => {
    const counts = tally(alphabet, 5_000, 24);
    const favoured = 256 % alphabet.length;
    const ratio = mean(counts.slice(0, favoured)) / mean(counts.slice(favoured));
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.05);
    expect(counts.every((n) => n > 0)).toBe(true);
  });

  it("refuse an alphabet that bytes cannot sample", () => {
    expect(() => randomString(4, "")).toThrow(RangeError);
    expect(() => randomString(4, "x".repeat(257))).toThrow(RangeError);
    expect(randomString(5, "a")).toBe("aaaaa");
  });
});
