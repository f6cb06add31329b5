import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, basename, extname } from "node:path";
import Handlebars from "handlebars";
import { packageRoot } from "../../cli/package-info.js";
import { registerHelpers } from "./helpers.js";

/** templates/ at the package's root, from sources and from dist/ alike. */
const TEMPLATE_ROOT = join(packageRoot(), "templates");

let environment: typeof Handlebars | undefined;

/** One Handlebars environment: helpers from helpers.ts, partials from templates/partials/. */
function env(): typeof Handlebars {
  if (environment) return environment;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const partials = join(TEMPLATE_ROOT, "partials");
  if (existsSync(partials)) {
    for (const file of readdirSync(partials).sort()) {
      hb.registerPartial(basename(file, extname(file)), readFileSync(join(partials, file), "utf8"));
    }
  }
  environment = hb;
  return hb;
}

const cache = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Render `templates/<name>` (e.g. `server/server.ts.hbs`) with a finished view model.
 * Templates hold no logic: every value they print is computed by the emitter. They are compiled with
 * `noEscape` (Handlebars' HTML escaping is wrong for TypeScript): every spec-derived field of a view
 * model is already escaped for its context by render/escape.ts (doc comment, string literal, identifier).
 */
export function renderTemplate(name: string, view: unknown): string {
  let template = cache.get(name);
  if (!template) {
    template = env().compile(readFileSync(join(TEMPLATE_ROOT, name), "utf8"), { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
