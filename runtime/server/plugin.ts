import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { resolveLimits } from "./parse-input.js";
import { registerParsers } from "./parsers.js";
import { createRoutes } from "./routes.js";
import type { ApiDefinition, RequestIssue, RouteDefinition, ServerOptions } from "./types.js";

/** An error Fastify raised before a route's handler (body too large, bad content length…) as a request issue. */
export function issueFromFastifyError(error: FastifyError): RequestIssue {
  const tooLarge = error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || error.statusCode === 413;
  return { location: "body", name: "", kind: tooLarge ? "range" : "invalid", message: error.message };
}

/**
 * An error handler that answers Fastify's own request errors (4xx) through the route's onRequestError,
 * so they come out in the implementation's error shape.
 */
export function routeErrorHandler(find: (request: FastifyRequest) => RouteDefinition | undefined) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const status = error.statusCode ?? 500;
    const route = find(request);
    if (status >= 400 && status < 500 && route) return route.reject([issueFromFastifyError(error)], request, reply);
    request.log.error(error);
    await reply.code(status >= 400 && status < 500 ? status : 500).send({ message: status < 500 ? error.message : "internal error" });
  };
}

/** Registers the routes of one API, with our body parsers and error handler, in `instance`. */
export function registerApi<H>(instance: FastifyInstance, api: ApiDefinition, options: ServerOptions<H>): RouteDefinition[] {
  const limits = resolveLimits(options.limits);
  registerParsers(instance, limits);
  const routes = createRoutes(api, options);
  const byId = new Map(routes.map((r) => [r.operationId, r] as const));
  instance.setErrorHandler(routeErrorHandler((request) => byId.get(operationIdOf(request))));
  for (const route of routes) {
    instance.route({
      method: route.method,
      url: route.url,
      bodyLimit: limits.bodyBytes,
      config: { operationId: route.operationId },
      handler: route.handle,
    });
  }
  return routes;
}

/** The operationId a route was registered with (`config.operationId`). */
export function operationIdOf(request: FastifyRequest): string {
  const config = request.routeOptions.config as { operationId?: unknown } | undefined;
  return typeof config?.operationId === "string" ? config.operationId : "";
}

export function createPlugin<H>(api: ApiDefinition): FastifyPluginAsync<ServerOptions<H>> {
  return async (instance, options) => {
    registerApi(instance, api, options);
  };
}
