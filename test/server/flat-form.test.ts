import { describe, expect, it } from "vitest";
import qs from "qs";
import { parseFlatForm, parseFormString, resolveLimits } from "../../runtime/server/index.js";
import { parseStripeForm } from "../../reference/stripe/form-parser.js";

// The flat-form fast path must answer exactly what qs answers, and leave to qs whatever it cannot.
const LIMITS = resolveLimits(undefined);
const anyKey = () => true;
const nullObject = () => Object.create(null) as Record<string, unknown>;
const viaQs = (text: string) => qs.parse(text, { plainObjects: true, allowPrototypes: true, depth: 8, parameterLimit: 1000, charset: "utf-8" });

const FLAT = [
  "a=1",
  "coupon=Z4OV52SU&code=SUMMER",
  "a",
  "a=",
  "=x",
  "&&a=1&",
  "a=1&",
  "a=x+y&b=%20%2B+",
  "a=%E2%9C%93",
  "a=%ZZ&b=100%",
  "a%20b=1",
  "a=1=2",
  "x.y=1",
  "0=a&1=b",
  "%F0%9F%98%80=%F0%9F%98%80",
];

describe("parseFlatForm", () => {
  it.each(FLAT)("%s: as qs parses it", (text) => {
    const flat = parseFlatForm(text, 1000, nullObject(), anyKey);
    expect(flat).toBeDefined();
    expect(Object.getPrototypeOf(flat)).toBeNull();
    expect({ ...flat }).toEqual({ ...viaQs(text) });
    expect(Object.keys(flat!)).toEqual(Object.keys(viaQs(text)));
  });

  it.each(["a[b]=1", "a%5Bb%5D=1", "a%5db=1", "expand[]=x", "a=1&a=2", "a=%5B"])("%s: left to qs (brackets or a repeated key)", (text) => {
    expect(parseFlatForm(text, 1000, nullObject(), anyKey)).toBeUndefined();
  });

  it("leaves to qs a key the caller turns down, and more pairs than the limit", () => {
    expect(parseFlatForm("a=1&skip=2", 1000, nullObject(), (key) => key !== "skip")).toBeUndefined();
    expect(parseFlatForm("a=1&b=2&c=3", 2, nullObject(), anyKey)).toBeUndefined();
    expect(parseFlatForm("a=1&b=2", 2, nullObject(), anyKey)).toEqual(Object.assign(nullObject(), { a: "1", b: "2" }));
  });
});

describe("form parsers with the fast path", () => {
  it("the runtime's parser still drops pollution and Object.prototype names, into an ordinary object", () => {
    for (const text of ["toString=1&a=2", "constructor=1&a=2", "__proto__=1&a=2", "prototype=x&a=2", "%5F%5Fproto%5F%5F=1&a=2"]) {
      const parsed = parseFormString(text, LIMITS, "body");
      expect(parsed).toEqual({ ok: true, value: { a: "2" } });
      expect(Object.getPrototypeOf((parsed as { value: object }).value)).toBe(Object.prototype);
    }
    expect(parseFormString("?a=1", LIMITS, "query")).toEqual({ ok: true, value: { a: "1" } });
    expect(parseFormString("a=1&b=2&c=3", { ...LIMITS, parameterLimit: 2 }, "body").ok).toBe(false);
  });

  it("the Stripe parser keeps every key, __proto__ included, in null-prototype objects", () => {
    const parsed = parseStripeForm("toString=1&constructor=2&%5F%5Fproto%5F%5F=3&coupon=c", LIMITS);
    expect(parsed.outcome.ok).toBe(true);
    const value = (parsed.outcome as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(["toString", "constructor", "__proto__", "coupon"]);
    expect(value.__proto__).toBe("3");
    expect(parseStripeForm("a=1&b=2&c=3", { ...LIMITS, parameterLimit: 2 }).outcome.ok).toBe(false);
  });
});

describe("the Stripe form parser through qs", () => {
  it("keeps keys that merely contain __proto__ as they were sent", () => {
    const parsed = parseStripeForm("metadata[x__proto__]=1&metadata[__proto__]=2&a__proto__b=3&expand[]=x", LIMITS);
    const value = (parsed.outcome as { value: Record<string, Record<string, unknown>> }).value;
    expect(Object.keys(value)).toEqual(["metadata", "a__proto__b", "expand"]);
    expect(Object.keys(value.metadata!)).toEqual(["x__proto__", "__proto__"]);
    expect(value.metadata!.x__proto__).toBe("1");
  });
});
