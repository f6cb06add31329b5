/**
 * The currencies Stripe lists as supported (https://docs.stripe.com/currencies; the same list appears in
 * Stripe's own "Invalid currency" message, quoted in https://github.com/lukec/stripe-perl/issues/156).
 * `usd` first, as Stripe lists it.
 */
export const STRIPE_CURRENCIES: readonly string[] = (
  "usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf clp cny cop " +
  "crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jpy kes " +
  "kgs khr kmf krw kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd " +
  "pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs top try ttd twd tzs " +
  "uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw"
).split(" ");

const KNOWN = new Set(STRIPE_CURRENCIES);

export function isStripeCurrency(code: string): boolean {
  return KNOWN.has(code);
}

/** Stripe's message for an unsupported currency (wording from the issue quoted above). */
export function invalidCurrencyMessage(given: string): string {
  return `Invalid currency: ${given}. Stripe currently supports these currencies: ${STRIPE_CURRENCIES.join(", ")}`;
}
