/** One output file as an emitter returns it, before the write stage. */
export interface EmittedFile {
  path: string;
  /** printed already formatted: the emitters lay out their own lines (render/layout.ts) */
  content: string;
}
