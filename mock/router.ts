import FindMyWay from "find-my-way";

type Method = FindMyWay.HTTPMethod;

const OPTIONS = { caseSensitive: true, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false } as const;

/**
 * The operations' routes in find-my-way (the router Fastify uses, with its options), one router per
 * method and number of path segments, each built by the first request that needs it. A path
 * parameter never spans a `/`, so a request can only match routes of its own segment count; and
 * inserting every route of a big document up front (find-my-way compiles each) costs more than
 * the rest of the mock's start.
 */
export class LazyRouter<T> {
  private readonly pending = new Map<string, { url: string; value: T }[]>();
  private readonly routers = new Map<string, FindMyWay.Instance<FindMyWay.HTTPVersion.V1>>();
  constructor(private readonly maxParamLength: number) {}

  /** Add a route (`/things/:id`, as Fastify writes it) before any lookup. */
  on(method: string, url: string, value: T): void {
    const key = `${method} ${segments(url)}`;
    let list = this.pending.get(key);
    if (!list) this.pending.set(key, (list = []));
    list.push({ url, value });
  }

  /** The value of the route a request matches, with its path parameters (decoded), or undefined. */
  find(method: string, url: string): { value: T; params: Record<string, string | undefined> } | undefined {
    const path = pathOf(url);
    if (path === undefined) return undefined;
    const key = `${method} ${segments(path)}`;
    const router = this.routers.get(key) ?? this.build(key);
    const found = router?.find(method as Method, path);
    return found ? { value: found.store as T, params: found.params } : undefined;
  }

  private build(key: string): FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | undefined {
    const routes = this.pending.get(key);
    if (!routes) return undefined;
    const router = FindMyWay({ ...OPTIONS, maxParamLength: this.maxParamLength });
    const method = key.slice(0, key.indexOf(" ")) as Method;
    for (const { url, value } of routes) router.on(method, url, () => {}, value);
    this.routers.set(key, router);
    return router;
  }
}

/** How many `/` a path has (the request target's path: up to `?` or `#`). */
function segments(path: string): number {
  let count = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) count++;
  return count;
}

/** The path of a request target (origin form, or absolute form as find-my-way reads it); undefined when there is none. */
function pathOf(url: string): string | undefined {
  let path = url;
  if (path.charCodeAt(0) !== 47) {
    const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
    if (!origin) return undefined;
    path = path.slice(origin[0].length);
    if (path.charCodeAt(0) !== 47) return undefined;
  }
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}
