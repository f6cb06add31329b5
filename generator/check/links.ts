import { joinPointer } from "../../document/pointer.js";
import { asRecord, deref, isRecord } from "../model/deref.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface DanglingLink {
  pointer: string;
  operationId: string;
}

/** Links (`responses.*.links.*.operationId`) that name an operationId no operation has. */
export function findDanglingLinks(root: Record<string, unknown>): DanglingLink[] {
  const ids = new Set<string>();
  const links: DanglingLink[] = [];
  const paths = asRecord(root.paths);
  for (const path of Object.keys(paths).sort()) {
    const item = asRecord(deref(root, paths[path]).value);
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      if (typeof op.operationId === "string") ids.add(op.operationId);
      const pointer = joinPointer("#/paths", path, method, "responses");
      const responses = asRecord(op.responses);
      for (const status of Object.keys(responses).sort()) {
        const response = deref(root, responses[status]);
        const holder = response.pointer ?? joinPointer(pointer, status);
        const declared = asRecord(asRecord(response.value).links);
        for (const name of Object.keys(declared).sort()) {
          const link = deref(root, declared[name]);
          const operationId = asRecord(link.value).operationId;
          if (typeof operationId === "string") links.push({ pointer: joinPointer(holder, "links", name, "operationId"), operationId });
        }
      }
    }
  }
  const seen = new Set<string>();
  return links.filter((l) => !ids.has(l.operationId) && !seen.has(l.pointer) && seen.add(l.pointer));
}
