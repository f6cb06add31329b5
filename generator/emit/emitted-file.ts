/** One output file as an emitter returns it, before the write stage. */
export interface EmittedFile {
  path: string;
  content: string;
  /** run Prettier over it (generated JS from ajv is left as ajv prints it) */
  format: boolean;
}
