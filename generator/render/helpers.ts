import type HandlebarsType from "handlebars";
import { stringLiteral } from "./escape.js";

/** The only helpers templates may use: printing values, never deciding anything. */
export function registerHelpers(hb: typeof HandlebarsType): void {
  // A JS/TS literal for any JSON value (strings quoted and escaped).
  hb.registerHelper("json", (value: unknown) => stringLiteral(value));
  // A large data literal, printed as indented JSON; templates put `// prettier-ignore` above it so
  // Prettier does not re-print it (on Stripe's spec that re-printing cost ~190 MB and 2 s).
  hb.registerHelper("jsonBlock", (value: unknown) => stringLiteral(value, 2));
}
