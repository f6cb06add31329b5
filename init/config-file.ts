/** What `spec-contract init` puts in the starter config. */
export interface StarterConfig {
  name: string;
  /** path relative to the config file, or an http(s) URL */
  spec: string;
  output: string;
  target: string;
}

/** spec-contract.config.mjs in the shape `defineConfig` takes; every value printed as a JSON string literal. */
export function renderConfig(config: StarterConfig): string {
  const q = (value: string): string => JSON.stringify(value);
  return `// spec-contract's configuration: one entry per API. Every command reads it (or takes flags instead).
import { defineConfig } from "spec-contract";

export default defineConfig({
  apis: [
    {
      name: ${q(config.name)}, // used in messages and \`spec-contract test ${config.name.replace(/[^A-Za-z0-9._-]/g, "")}\`
      spec: ${q(config.spec)}, // a path relative to this file, or an http(s) URL
      output: ${q(config.output)}, // where \`spec-contract generate\` writes types, validators, server, client
      target: ${q(config.target)}, // the server \`spec-contract test\` replays the spec's examples against
      strict: false, // true: warnings (unknown formats, invalid examples…) fail generate
      // auth: { scheme: "bearerAuth", env: "API_KEY" }, // a securityScheme of the spec, and where its key is
      // unique: ["#/paths/~1items/post/requestBody/content/application~1json/schema/properties/code"],
    },
  ],
});
`;
}
