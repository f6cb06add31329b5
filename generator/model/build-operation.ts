import { joinPointer } from "../../document/pointer.js";
import { setOwn } from "../../runtime/shared/own.js";
import { asRecord, deref, isRecord } from "./deref.js";
import type {
  HttpMethod,
  LinkModel,
  MediaModel,
  OperationModel,
  ParameterLocation,
  ParameterModel,
  ResponseModel,
  SecurityRequirementModel,
} from "./types.js";

export interface OperationInput {
  root: Record<string, unknown>;
  item: Record<string, unknown>;
  op: Record<string, unknown>;
  method: HttpMethod;
  path: string;
  pointer: string;
  operationId: string;
  typeName: string;
}

const DEFAULT_STYLE: Record<ParameterLocation, string> = { path: "simple", query: "form", header: "simple", cookie: "form" };

export function buildOperation(input: OperationInput): OperationModel {
  const { root, op, pointer } = input;
  const model: OperationModel = {
    operationId: input.operationId,
    typeName: input.typeName,
    method: input.method,
    path: input.path,
    tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
    parameters: buildParameters(input),
    responses: buildResponses(root, asRecord(op.responses), joinPointer(pointer, "responses")),
    security: buildSecurity(Array.isArray(op.security) ? op.security : Array.isArray(root.security) ? root.security : []),
    pointer,
  };
  if (typeof op.summary === "string") model.summary = op.summary;
  const body = deref(root, op.requestBody);
  if (isRecord(body.value)) {
    const bodyPointer = body.pointer ?? joinPointer(pointer, "requestBody");
    model.requestBody = {
      required: body.value.required === true,
      contents: buildContents(asRecord(body.value.content), joinPointer(bodyPointer, "content")),
      pointer: bodyPointer,
    };
  }
  return model;
}

function buildParameters({ root, item, op, pointer }: OperationInput): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  const add = (list: unknown, listPointer: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const resolved = deref(root, raw);
      const p = asRecord(resolved.value);
      if (typeof p.name !== "string" || typeof p.in !== "string") return;
      const location = p.in as ParameterLocation;
      const paramPointer = resolved.pointer ?? joinPointer(listPointer, i);
      const style = typeof p.style === "string" ? p.style : DEFAULT_STYLE[location] ?? "form";
      byKey.set(`${location}:${p.name}`, {
        name: p.name,
        in: location,
        required: location === "path" || p.required === true,
        style,
        explode: typeof p.explode === "boolean" ? p.explode : style === "form",
        schemaPointer: joinPointer(paramPointer, "schema"),
        pointer: paramPointer,
      });
    });
  };
  add(item.parameters, joinPointer(pointer.slice(0, pointer.lastIndexOf("/")), "parameters"));
  add(op.parameters, joinPointer(pointer, "parameters"));
  return [...byKey.values()].sort((a, b) => a.in.localeCompare(b.in) || a.name.localeCompare(b.name));
}

function buildContents(content: Record<string, unknown>, pointer: string): MediaModel[] {
  return Object.keys(content)
    .sort()
    .map((mediaType) => {
      const mediaPointer = joinPointer(pointer, mediaType);
      const media: MediaModel = { mediaType, pointer: mediaPointer };
      if (isRecord(asRecord(content[mediaType]).schema)) media.schemaPointer = joinPointer(mediaPointer, "schema");
      return media;
    });
}

function buildResponses(root: Record<string, unknown>, responses: Record<string, unknown>, pointer: string): ResponseModel[] {
  return Object.keys(responses)
    .filter((status) => !status.startsWith("x-"))
    .sort()
    .map((status) => {
      const resolved = deref(root, responses[status]);
      const r = asRecord(resolved.value);
      const responsePointer = resolved.pointer ?? joinPointer(pointer, status);
      const headers = asRecord(r.headers);
      return {
        status,
        description: String(r.description ?? ""),
        contents: buildContents(asRecord(r.content), joinPointer(responsePointer, "content")),
        headers: Object.keys(headers)
          .sort()
          .map((name) => {
            const h = deref(root, headers[name]);
            const header = asRecord(h.value);
            const headerPointer = h.pointer ?? joinPointer(responsePointer, "headers", name);
            return {
              name,
              required: header.required === true,
              ...(isRecord(header.schema) ? { schemaPointer: joinPointer(headerPointer, "schema") } : {}),
            };
          }),
        links: buildLinks(root, asRecord(r.links), joinPointer(responsePointer, "links")),
        pointer: responsePointer,
      };
    });
}

function buildLinks(root: unknown, links: Record<string, unknown>, pointer: string): LinkModel[] {
  return Object.keys(links)
    .sort()
    .flatMap((name) => {
      const l = asRecord(deref(root, links[name]).value);
      if (typeof l.operationId !== "string") return [];
      return [
        {
          name,
          operationId: l.operationId,
          parameters: stringMap(l.parameters),
          body: stringMap(l["x-body"]),
          pointer: joinPointer(pointer, name),
        },
      ];
    });
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(asRecord(value)).sort()) {
    const v = asRecord(value)[key];
    if (typeof v === "string") setOwn(out, key, v);
  }
  return out;
}

function buildSecurity(list: unknown[]): SecurityRequirementModel[] {
  return list.map((req) => ({ schemes: Object.keys(asRecord(req)).sort() }));
}
