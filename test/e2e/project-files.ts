/** The files of the e2e test's user project: a small spec with examples, a server on its skeleton, a JS client. */

export const SPEC = `openapi: 3.1.0
info: { title: Notes, version: "1.0.0" }
paths:
  /notes:
    post:
      operationId: createNote
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NoteCreate" }
            examples:
              basic: { value: { text: buy milk } }
      responses:
        "201":
          description: the new note
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Note" }
              examples:
                basic: { value: { id: n2, text: buy milk } }
  /notes/{id}:
    get:
      operationId: getNote
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
          examples:
            found: { value: n1 }
            missing: { value: nope }
      responses:
        "200":
          description: the note
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Note" }
              examples:
                found: { value: { id: n1, text: first note } }
        "404":
          description: no such note
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Problem" }
              examples:
                missing: { value: { message: no note nope } }
components:
  schemas:
    NoteCreate:
      type: object
      required: [text]
      additionalProperties: false
      properties:
        text: { type: string, minLength: 1 }
    Note:
      type: object
      required: [id, text]
      properties:
        id: { type: string }
        text: { type: string }
    Problem:
      type: object
      required: [message]
      properties:
        message: { type: string }
`;

/** The user's tsconfig: strict, module nodenext, outDir dist. */
export const TSCONFIG = JSON.stringify(
  { compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, outDir: "dist", rootDir: "src", skipLibCheck: true }, include: ["src"] },
  null,
  2,
);

/** A server on the generated skeleton; prints its URL once listening. */
export const SERVER = `import Fastify from "fastify";
import { plugin, type Handlers } from "./api/server.js";

const notes = new Map<string, { id: string; text: string }>([["n1", { id: "n1", text: "first note" }]]);
let next = 2;

const handlers: Handlers = {
  async createNote({ body }) {
    const note = { id: "n" + next++, text: body.text };
    notes.set(note.id, note);
    return { status: 201, body: note };
  },
  async getNote({ params }) {
    const note = notes.get(params.id);
    return note ? { status: 200, body: note } : { status: 404, body: { message: "no note " + params.id } };
  },
};

const app = Fastify();
await app.register(plugin, { handlers });
const url = await app.listen({ port: 0, host: "127.0.0.1" });
console.log("listening on " + url);
`;

/** Plain JavaScript importing the generated client (compiled by the user's tsc). */
export const CLIENT_JS = `import { createClient } from "./dist/api/client.js";

const client = createClient({ baseUrl: process.argv[2] });
const note = await client.notes.retrieve("n1");
console.log(JSON.stringify(note));
`;
