import { describe, expect, it } from "vitest";
import { versionOf } from "../../reference/stripe/app.js";
import { useCheckedReference } from "./helpers/client.js";
import { advanceClock } from "./helpers/clock.js";

// issue 13: behaviours where the reference used to differ from Stripe, each pinned over HTTP and
// listed in docs/stripe-fidelity.md. Every key gets a fresh account.
const { call, url } = useCheckedReference("stripe");
let accounts = 0;
const freshKey = (): string => `sk_test_fidelity${Date.now()}x${++accounts}`;
const VERSIONS = ["2024-06-20", "2025-09-30.clover"] as const;
const codeOf = (version: string, coupon: string) => (version === "2024-06-20" ? { coupon } : { promotion: { type: "coupon", coupon } });

async function newCoupon(key: string, form: Record<string, unknown> = { percent_off: 10 }): Promise<string> {
  const res = await call("POST", "/v1/coupons", { key, form });
  expect(res.status).toBe(200);
  return res.body.id;
}

describe("numbers are parsed strictly", () => {
  const integers = ["0x10", "1e3", " 5", "5 ", "+5", "05", "1.5", "Infinity", "NaN", "99999999999999999999"];
  it.each(integers)("refuses max_redemptions=%j with Invalid integer", async (text) => {
    const res = await call("POST", "/v1/coupons", { key: freshKey(), form: `percent_off=10&max_redemptions=${encodeURIComponent(text)}` });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: "invalid_request_error", code: "parameter_invalid_integer", message: `Invalid integer: ${text}`, param: "max_redemptions" });
  });

  it.each(["Infinity", "-Infinity", "1e1", "0x10", " 5", "NaN", ".5"])("refuses percent_off=%j with Invalid decimal (never a coupon without a discount)", async (text) => {
    const res = await call("POST", "/v1/coupons", { key: freshKey(), form: `percent_off=${encodeURIComponent(text)}` });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: `Invalid decimal: ${text}`, param: "percent_off" });
  });

  it("accepts plain integers and decimals, and checks range filters too", async () => {
    const key = freshKey();
    expect((await call("POST", "/v1/coupons", { key, form: "percent_off=12.5&max_redemptions=3" })).body).toMatchObject({ percent_off: 12.5, max_redemptions: 3 });
    const res = await call("GET", "/v1/promotion_codes?created[gt]=1e3", { key });
    expect(res.body.error).toMatchObject({ message: "Invalid integer: 1e3", param: "created[gt]" });
    expect((await call("GET", "/v1/promotion_codes?limit=0x5", { key })).body.error.message).toBe("Invalid integer: 0x5");
  });
});

describe("metadata keeps every key", () => {
  it.each(VERSIONS)("%s: constructor, toString, __proto__ and hasOwnProperty are stored, read back and unset", async (version) => {
    const key = freshKey();
    const coupon = await newCoupon(key);
    const pairs = [["constructor", "a"], ["toString", "b"], ["__proto__", "c"], ["hasOwnProperty", "d"], ["prototype", "e"]];
    const couponPart = version === "2024-06-20" ? `coupon=${coupon}` : `promotion[type]=coupon&promotion[coupon]=${coupon}`;
    const form = couponPart + pairs.map(([k, v]) => `&metadata[${k}]=${v}`).join("");
    const created = await call("POST", "/v1/promotion_codes", { key, version, form });
    expect(created.status).toBe(200);
    const expected = JSON.parse('{"constructor":"a","toString":"b","__proto__":"c","hasOwnProperty":"d","prototype":"e"}');
    expect(created.body.metadata).toEqual(expected);
    expect(Object.keys(created.body.metadata).sort()).toEqual(["__proto__", "constructor", "hasOwnProperty", "prototype", "toString"]);
    const read = await call("GET", `/v1/promotion_codes/${created.body.id}`, { key, version });
    expect(Object.keys(read.body.metadata).sort()).toEqual(["__proto__", "constructor", "hasOwnProperty", "prototype", "toString"]);
    const updated = await call("POST", `/v1/promotion_codes/${created.body.id}`, { key, version, form: "metadata[__proto__]=&metadata[toString]=z" });
    expect(Object.keys(updated.body.metadata).sort()).toEqual(["constructor", "hasOwnProperty", "prototype", "toString"]);
    expect(updated.body.metadata.toString).toBe("z");
  });

  it("keeps them on coupons too, as %-encoded keys", async () => {
    const res = await call("POST", "/v1/coupons", { key: freshKey(), form: "percent_off=5&metadata[%5F%5Fproto%5F%5F]=x&metadata[constructor]=y" });
    expect(Object.keys(res.body.metadata).sort()).toEqual(["__proto__", "constructor"]);
  });
});

describe("currencies", () => {
  it("normalises case, on coupons and promotion code restrictions", async () => {
    const key = freshKey();
    const coupon = await call("POST", "/v1/coupons", { key, form: "amount_off=500&currency=USD" });
    expect(coupon.body).toMatchObject({ amount_off: 500, currency: "usd" });
    const code = await call("POST", "/v1/promotion_codes", {
      key,
      form: `coupon=${coupon.body.id}&restrictions[minimum_amount]=1000&restrictions[minimum_amount_currency]=EUR&restrictions[currency_options][GBP][minimum_amount]=900`,
    });
    expect(code.status).toBe(200);
    expect(code.body.restrictions).toMatchObject({ minimum_amount_currency: "eur", currency_options: { gbp: { minimum_amount: 900 } } });
  });

  it("refuses currencies Stripe does not support, with its message", async () => {
    const res = await call("POST", "/v1/coupons", { key: freshKey(), form: "amount_off=500&currency=xyz" });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe("currency");
    expect(res.body.error.message).toMatch(/^Invalid currency: xyz\. Stripe currently supports these currencies: usd, aed, afn, /);
    const key = freshKey();
    const coupon = await newCoupon(key);
    const option = await call("POST", "/v1/promotion_codes", { key, form: `coupon=${coupon}&restrictions[currency_options][QQQ][minimum_amount]=1` });
    expect(option.body.error).toMatchObject({ param: "restrictions[currency_options][QQQ]" });
  });
});

describe("versions", () => {
  it("maps versions as documented", () => {
    const today = "2026-06-01";
    expect(versionOf(undefined, today)).toBe("2024-06-20");
    expect(versionOf("2024-06-20", today)).toBe("2024-06-20");
    expect(versionOf("2025-09-30.clover", today)).toBe("2025-09-30.clover");
    expect(versionOf("2026-01-28.dahlia", today)).toBe("2025-09-30.clover");
    for (const refused of ["1999-01-01", "2023-10-16", "2025-09-30", "2025-07-30", "2025-03-31.basil", "2027-01-01.future", "2026-02-30.x", "latest", "2024-06-20 "]) {
      expect(versionOf(refused, today), refused).toEqual({ invalid: refused });
    }
  });

  it("refuses an unknown version with Stripe's message, and echoes the version served on every answer", async () => {
    const old = await call("GET", "/v1/promotion_codes", { version: "1999-01-01" });
    expect(old.status).toBe(400);
    expect(old.body.error.message).toBe("Invalid Stripe API version: 1999-01-01");
    expect((await call("GET", "/v1/promotion_codes")).headers.get("stripe-version")).toBe("2024-06-20");
    expect((await call("GET", "/v1/promotion_codes", { version: "2025-09-30.clover" })).headers.get("stripe-version")).toBe("2025-09-30.clover");
    const later = await call("GET", "/v1/promotion_codes", { version: "2025-10-29.clover" });
    expect(later.status).toBe(200);
    expect(later.headers.get("stripe-version")).toBe("2025-09-30.clover");
    expect((await call("GET", "/v1/nothing")).headers.get("stripe-version")).toBe("2024-06-20");
    expect((await call("GET", "/v1/promotion_codes", { key: null })).headers.get("stripe-version")).toBe("2024-06-20");
  });
});

describe("active is recomputed on every read", () => {
  it.each(VERSIONS)("%s: a code whose coupon is used up reads inactive, leaves active=true and frees its text", async (version) => {
    const key = freshKey();
    const coupon = await newCoupon(key, { percent_off: 10, redeem_by: Math.floor(Date.now() / 1000) + 2 });
    const first = await call("POST", "/v1/promotion_codes", { key, version, form: { ...codeOf(version, coupon), code: "REUSE" } });
    expect(first.body.active).toBe(true);
    expect((await call("GET", "/v1/promotion_codes?active=true", { key, version })).body.data).toHaveLength(1);
    advanceClock(2100); // past the expiry, without sleeping
    expect((await call("GET", `/v1/promotion_codes/${first.body.id}`, { key, version })).body.active).toBe(false);
    expect((await call("GET", "/v1/promotion_codes?active=true", { key, version })).body.data).toHaveLength(0);
    expect((await call("GET", "/v1/promotion_codes?active=false", { key, version })).body.data).toHaveLength(1);
    const other = await newCoupon(key);
    const reuse = await call("POST", "/v1/promotion_codes", { key, version, form: { ...codeOf(version, other), code: "REUSE" } });
    expect(reuse.status).toBe(200);
  });
});

describe("edge inputs get Stripe's errors", () => {
  it("an empty string: parameter_invalid_empty with Stripe's message", async () => {
    const res = await call("POST", "/v1/promotion_codes", { key: freshKey(), form: "coupon=" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "parameter_invalid_empty",
      param: "coupon",
      message: "You passed an empty string for 'coupon'. We assume empty values are an attempt to unset a parameter; however 'coupon' cannot be unset. You should remove 'coupon' from your request or supply a non-empty value.",
    });
    const nested = await call("POST", "/v1/coupons", { key: freshKey(), form: "percent_off=5&name=" });
    expect(nested.body.error.param).toBe("name");
  });

  it("metadata= and metadata[key]= still unset", async () => {
    const key = freshKey();
    const coupon = await newCoupon(key);
    const code = await call("POST", "/v1/promotion_codes", { key, form: `coupon=${coupon}&metadata[a]=1&metadata[b]=2` });
    expect((await call("POST", `/v1/promotion_codes/${code.body.id}`, { key, form: "metadata[a]=" })).body.metadata).toEqual({ b: "2" });
    expect((await call("POST", `/v1/promotion_codes/${code.body.id}`, { key, form: "metadata=" })).body.metadata).toEqual({});
  });

  it("starting_after with ending_before is refused", async () => {
    const res = await call("GET", "/v1/promotion_codes?starting_after=promo_a&ending_before=promo_b", { key: freshKey() });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("You may only specify one of these parameters: ending_before, starting_after.");
  });

  it("a scalar expand is an Invalid array, in the query and in the body", async () => {
    const key = freshKey();
    expect((await call("GET", "/v1/promotion_codes?expand=data.coupon", { key })).body.error).toMatchObject({ message: "Invalid array", param: "expand" });
    expect((await call("POST", "/v1/coupons", { key, form: "percent_off=5&expand=applies_to" })).body.error).toMatchObject({ message: "Invalid array", param: "expand" });
    const products = await call("POST", "/v1/coupons", { key, form: "percent_off=5&applies_to[products]=prod_A" });
    expect(products.body.error).toMatchObject({ message: "Invalid array", param: "applies_to[products]" });
  });

  it("an unknown key inside a range filter is an unknown parameter", async () => {
    const res = await call("GET", "/v1/promotion_codes?created[foo]=1", { key: freshKey() });
    expect(res.body.error).toMatchObject({ code: "parameter_unknown", message: "Received unknown parameter: created[foo]", param: "created[foo]" });
  });

  it("a trailing slash is an unrecognized URL", async () => {
    for (const path of ["/v1/promotion_codes/", "/v1/coupons/"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.message).toBe(`Unrecognized request URL (GET: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
    }
  });

  it("error objects carry request_log_url naming their request", async () => {
    const res = await call("GET", "/v1/promotion_codes/promo_missing");
    expect(res.status).toBe(404);
    expect(res.body.error.request_log_url).toMatch(new RegExp(`^https://dashboard\\.stripe\\.com/test/logs/${res.headers.get("request-id")}\\?t=\\d+$`));
  });

  // Every way the server can answer an error: each names its own request (Request-Id, log URL) and the version served.
  const raw = async (method: string, path: string, contentType: string, body: string) => {
    const res = await fetch(`${url()}${path}`, { method, headers: { authorization: `Bearer ${freshKey()}`, "content-type": contentType }, body });
    return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) };
  };
  const errorPaths: [string, () => Promise<{ status: number; headers: Headers; body: any }>, number][] = [
    ["a missing object (handler)", () => call("GET", "/v1/coupons/nope"), 404],
    ["an unknown route", () => call("GET", "/v1/nothing"), 404],
    ["a trailing slash", () => call("GET", "/v1/coupons/"), 404],
    ["a trailing slash on a POST with a body it cannot parse", () => raw("POST", "/v1/coupons/", "application/json", "{"), 404],
    ["a parameter the spec refuses", () => call("GET", "/v1/coupons?limit=1000"), 400],
    ["a parameter Stripe's own rules refuse", () => call("GET", "/v1/coupons?limit=0x5"), 400],
    ["an unknown query parameter", () => call("GET", "/v1/coupons?colour=red"), 400],
    ["a body of a type the operation does not take", () => raw("POST", "/v1/coupons", "text/plain", "hi"), 400],
    ["a body it cannot parse", () => raw("POST", "/v1/coupons", "application/json", "{"), 400],
    ["a duplicate idempotent replay with other parameters", async () => {
      const key = freshKey();
      await call("POST", "/v1/coupons", { key, form: { percent_off: 10 }, idempotencyKey: "same" });
      return call("POST", "/v1/coupons", { key, form: { percent_off: 20 }, idempotencyKey: "same" });
    }, 400],
  ];
  it.each(errorPaths)("%s: Request-Id, Stripe-Version and request_log_url", async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    const id = res.headers.get("request-id");
    expect(id).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(res.headers.get("stripe-version")).toBe("2024-06-20");
    expect(res.body.error.request_log_url).toMatch(new RegExp(`^https://dashboard\\.stripe\\.com/test/logs/${id}\\?t=\\d+$`));
  });

  it("an unknown Stripe-Version: Request-Id and request_log_url, and no version echoed", async () => {
    const res = await call("GET", "/v1/coupons", { version: "1999-01-01" });
    expect(res.status).toBe(400);
    expect(res.headers.get("stripe-version")).toBeNull();
    expect(res.body.error.request_log_url).toMatch(new RegExp(`/logs/${res.headers.get("request-id")}\\?t=`));
  });

  it("a malformed URL still gets a Request-Id and a log URL", async () => {
    const res = await call("GET", "/v1/coupons/x%zz");
    expect(res.status).toBe(400);
    expect(res.body.error.request_log_url).toMatch(new RegExp(`/logs/${res.headers.get("request-id")}\\?t=`));
  });

  it("a 401 has no log URL (no account holds its logs); a success has a Request-Id and no error", async () => {
    const refused = await call("GET", "/v1/coupons", { key: null });
    expect(refused.status).toBe(401);
    expect(refused.body.error.request_log_url).toBeUndefined();
    expect(refused.headers.get("request-id")).toMatch(/^req_/);
    const ok = await call("GET", "/v1/coupons");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("request-id")).toMatch(/^req_/);
    expect(ok.body.error).toBeUndefined();
  });
});

describe("customers exist and are checked", () => {
  it.each(VERSIONS)("%s: creates and retrieves a customer; an unknown one is refused on create; expand returns the real one", async (version) => {
    const key = freshKey();
    const created = await call("POST", "/v1/customers", { key, version, form: { email: "jenny.rosen@example.com", name: "Jenny Rosen" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ object: "customer", email: "jenny.rosen@example.com", name: "Jenny Rosen", description: null, livemode: false, metadata: {} });
    expect(created.body.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect((await call("GET", `/v1/customers/${created.body.id}`, { key, version })).body).toEqual(created.body);
    const missing = await call("GET", "/v1/customers/cus_missing", { key, version });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "resource_missing", message: "No such customer: 'cus_missing'", param: "id" });
    // another key's customer does not exist for this key
    expect((await call("GET", `/v1/customers/${created.body.id}`, { key: freshKey(), version })).status).toBe(404);

    const coupon = await newCoupon(key);
    const refused = await call("POST", "/v1/promotion_codes", { key, version, form: { ...codeOf(version, coupon), customer: "cus_Nobody123" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ type: "invalid_request_error", code: "resource_missing", message: "No such customer: 'cus_Nobody123'", param: "customer" });
    const code = await call("POST", "/v1/promotion_codes", { key, version, form: { ...codeOf(version, coupon), customer: created.body.id } });
    expect(code.body.customer).toBe(created.body.id);
    const expanded = await call("GET", `/v1/promotion_codes/${code.body.id}?expand[]=customer`, { key, version });
    expect(expanded.body.customer).toEqual(created.body);
    const listed = await call("GET", "/v1/promotion_codes?expand[]=data.customer", { key, version });
    expect(listed.body.data[0].customer).toEqual(created.body);
  });

  it("2025-09-30.clover: customer_account must be an account id", async () => {
    const key = freshKey();
    const coupon = await newCoupon(key);
    const res = await call("POST", "/v1/promotion_codes", { key, version: "2025-09-30.clover", form: { ...codeOf("clover", coupon), customer_account: "garbage" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "resource_missing", message: "No such account: 'garbage'", param: "customer_account" });
    const ok = await call("POST", "/v1/promotion_codes", { key, version: "2025-09-30.clover", form: { ...codeOf("clover", coupon), customer_account: "acct_1Nv0FGQ9RKHgCVdK" } });
    expect(ok.status).toBe(200);
  });
});

describe("coupons: list, update, delete, applies_to and currency_options", () => {
  it("lists coupons newest first with cursors, and skips deleted ones", async () => {
    const key = freshKey();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newCoupon(key, { percent_off: 10 + i }));
    const first = await call("GET", "/v1/coupons?limit=2", { key });
    expect(first.body).toMatchObject({ object: "list", has_more: true, url: "/v1/coupons" });
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3]]);
    const next = await call("GET", `/v1/coupons?limit=2&starting_after=${ids[3]}`, { key });
    expect(next.body.data.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
    const back = await call("GET", `/v1/coupons?limit=2&ending_before=${ids[1]}`, { key });
    expect(back.body.data.map((c: { id: string }) => c.id)).toEqual([ids[3], ids[2]]);
    expect((await call("DELETE", `/v1/coupons/${ids[2]}`, { key })).body).toEqual({ id: ids[2], object: "coupon", deleted: true });
    const after = await call("GET", "/v1/coupons?limit=10", { key });
    expect(after.body.data.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3], ids[1], ids[0]]);
    expect((await call("GET", `/v1/coupons?starting_after=${ids[2]}`, { key })).body.error).toMatchObject({ code: "resource_missing", param: "starting_after" });
    expect((await call("GET", "/v1/coupons?limit=101", { key })).status).toBe(400);
  });

  it.each(VERSIONS)("%s: a deleted coupon is gone: 404, no new codes, its codes read inactive", async (version) => {
    const key = freshKey();
    const coupon = await newCoupon(key);
    const code = await call("POST", "/v1/promotion_codes", { key, version, form: codeOf(version, coupon) });
    expect((await call("DELETE", `/v1/coupons/${coupon}`, { key, version })).status).toBe(200);
    expect((await call("GET", `/v1/coupons/${coupon}`, { key, version })).body.error).toMatchObject({ code: "resource_missing", message: `No such coupon: '${coupon}'` });
    expect((await call("DELETE", `/v1/coupons/${coupon}`, { key, version })).status).toBe(404);
    expect((await call("POST", `/v1/coupons/${coupon}`, { key, version, form: { name: "x" } })).status).toBe(404);
    const refused = await call("POST", "/v1/promotion_codes", { key, version, form: codeOf(version, coupon) });
    expect(refused.body.error).toMatchObject({ code: "resource_missing", message: `No such coupon: '${coupon}'` });
    const read = await call("GET", `/v1/promotion_codes/${code.body.id}`, { key, version });
    expect(read.body.active).toBe(false);
    if (version === "2024-06-20") expect(read.body.coupon).toMatchObject({ id: coupon, valid: false });
  });

  it("updates name, metadata and currency options; the discount cannot change", async () => {
    const key = freshKey();
    const coupon = await newCoupon(key, { amount_off: 500, currency: "usd", metadata: { a: "1", b: "2" } });
    const updated = await call("POST", `/v1/coupons/${coupon}`, { key, form: "name=Summer&metadata[a]=&metadata[c]=3&currency_options[EUR][amount_off]=450&expand[]=currency_options" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: "Summer", metadata: { b: "2", c: "3" }, amount_off: 500, currency_options: { eur: { amount_off: 450 } } });
    const discount = await call("POST", `/v1/coupons/${coupon}`, { key, form: "amount_off=100" });
    expect(discount.body.error).toMatchObject({ code: "parameter_unknown", param: "amount_off" });
    const own = await call("POST", `/v1/coupons/${coupon}`, { key, form: "currency_options[usd][amount_off]=100" });
    expect(own.body.error.param).toBe("currency_options[usd]");
  });

  it("stores applies_to and currency_options on create and shows them when expanded", async () => {
    const key = freshKey();
    const form = "amount_off=500&currency=usd&applies_to[products][]=prod_A&applies_to[products][]=prod_B&currency_options[gbp][amount_off]=400";
    const created = await call("POST", "/v1/coupons", { key, form });
    expect(created.status).toBe(200);
    expect(created.body.applies_to).toBeUndefined();
    const read = await call("GET", `/v1/coupons/${created.body.id}?expand[]=applies_to&expand[]=currency_options`, { key });
    expect(read.body).toMatchObject({ applies_to: { products: ["prod_A", "prod_B"] }, currency_options: { gbp: { amount_off: 400 } } });
    const listed = await call("GET", "/v1/coupons?expand[]=data.applies_to", { key });
    expect(listed.body.data[0].applies_to).toEqual({ products: ["prod_A", "prod_B"] });
    const percent = await call("POST", "/v1/coupons", { key, form: "percent_off=5&currency_options[gbp][amount_off]=400" });
    expect(percent.body.error.param).toBe("currency_options");
    expect((await call("GET", `/v1/coupons/${created.body.id}?expand[]=customer`, { key })).body.error.param).toBe("expand");
  });
});
