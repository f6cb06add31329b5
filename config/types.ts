/** The shape of `spec-contract.config.{ts,mjs,js,json}`; config/schema.json describes the same for editors. */
export interface SpecContractConfig {
  /** one entry per OpenAPI document of the project */
  apis: ApiConfig[];
}

export interface ApiConfig {
  /** used in messages and to select the API: `spec-contract test petstore` */
  name: string;
  /** the OpenAPI document: a path relative to the config file, or an http(s) URL */
  spec: string;
  /** generate's output folder, relative to the config file */
  output?: string;
  /** warnings (unknown formats, invalid examples, …) become errors */
  strict?: boolean;
  /** schema formats accepted without a validator (e.g. `unix-time`) */
  allowFormats?: string[];
  /** a validator for every component schema, not only those the operations use */
  allSchemaValidators?: boolean;
  /** how `test` authenticates */
  auth?: AuthConfig;
  /** default target of `test`: an http(s) URL, "mock", "prism" or "reference" */
  target?: string;
  /** headers sent with every request of `test` (e.g. an API version header) */
  headers?: Record<string, string>;
  /** documented examples run before the suite, so the objects later examples need exist */
  fixtures?: FixtureConfig[];
  /** JSON pointers to request schemas whose values must stay unique: suffixed per run */
  unique?: string[];
  /** this repository's emulators only: which reference provider implements the API */
  reference?: string;
}

export interface AuthConfig {
  /** the securityScheme (by its name in components.securitySchemes) the key is sent through; default: the first one the spec uses */
  scheme?: string;
  /** environment variable that holds the key when --api-key is not given */
  env?: string;
  /** key sent to local targets (reference, prism, mock) when none is given */
  testKey?: string;
  /** the malformed key sent for examples marked `x-auth: invalid` */
  invalidKey?: string;
}

export interface FixtureConfig {
  name: string;
  operationId: string;
  /** the example's name (request and response examples pair by name) */
  example: string;
}
