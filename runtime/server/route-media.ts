import { responseKeyFor } from "../shared/index.js";
import type { HandlerResponse, OperationSpec } from "./types.js";

/** The media type a response is sent with, and whether its body is serialized as JSON. */
export interface ResponseMedia {
  type: string | undefined;
  json: boolean;
}

export interface RouteMedia {
  /** the media of a result with a body: its own `mediaType`, else the first documented for its status, else JSON */
  of(result: HandlerResponse): ResponseMedia;
}

const JSON_TYPE = /[/+]json$/;
const DEFAULT_MEDIA: ResponseMedia = { type: "application/json", json: true };

/** `application/json`, `application/problem+json` … are serialized; any other type is sent as is. */
export function mediaOf(type: string | undefined): ResponseMedia {
  return { type, json: type === undefined || JSON_TYPE.test(type) };
}

/**
 * Per route: the media for each status the handlers answer, worked out on first use and kept (one
 * entry per status code, so the table stays as small as the set of codes). A result's own
 * `mediaType` is examined each time, with one entry remembered per type the route has seen, up to 16.
 */
export function createRouteMedia(op: OperationSpec): RouteMedia {
  const documentedKeys = Object.keys(op.responses);
  const byStatus = new Map<number, ResponseMedia>();
  const byType = new Map<string, ResponseMedia>();
  const forStatus = (status: number): ResponseMedia => {
    let media = byStatus.get(status);
    if (media === undefined) {
      const key = responseKeyFor(documentedKeys, status);
      const first = key === undefined ? undefined : Object.keys(op.responses[key]!.contents)[0];
      media = first === undefined ? DEFAULT_MEDIA : mediaOf(first);
      if (byStatus.size < 64) byStatus.set(status, media);
    }
    return media;
  };
  const forType = (type: string): ResponseMedia => {
    let media = byType.get(type);
    if (media === undefined) {
      media = mediaOf(type);
      if (byType.size < 16) byType.set(type, media);
    }
    return media;
  };
  return { of: (result) => (result.mediaType ? forType(result.mediaType) : forStatus(result.status)) };
}
