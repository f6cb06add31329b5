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
  /** by method, by number of `/`: the routes not yet in a router, then the router */
  private readonly pending = new Map<string, { url: string; value: T }[][]>();
  private readonly routers = new Map<string, (FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | undefined)[]>();
  constructor(private readonly maxParamLength: number) {}

  /** Add a route (`/things/:id`, as Fastify writes it) before any lookup. */
  on(method: string, url: string, value: T): void {
    let byCount = this.pending.get(method);
    if (!byCount) this.pending.set(method, (byCount = []));
    (byCount[slashes(url)] ??= []).push({ url, value });
  }

  /** The value of the route a request matches, with its path parameters (decoded), or undefined. */
  find(method: string, url: string): { value: T; params: Record<string, string | undefined> } | undefined {
    let path = url;
    if (path.charCodeAt(0) !== 47) {
      // absolute form (`http://host/path`), as find-my-way reads it
      const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
      path = origin ? path.slice(origin[0].length) : "";
      if (path.charCodeAt(0) !== 47) return undefined;
    }
    const count = slashes(path);
    const router = this.routers.get(method)?.[count] ?? this.build(method, count);
    const found = router?.find(method as Method, path);
    return found ? { value: found.store as T, params: found.params } : undefined;
  }

  private build(method: string, count: number): FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | undefined {
    const routes = this.pending.get(method)?.[count];
    if (!routes) return undefined;
    const router = FindMyWay({ ...OPTIONS, maxParamLength: this.maxParamLength });
    for (const { url, value } of routes) router.on(method as Method, url, () => {}, value);
    let byCount = this.routers.get(method);
    if (!byCount) this.routers.set(method, (byCount = []));
    byCount[count] = router;
    return router;
  }
}

/** How many `/` a request target's path has (up to `?` or `#`, where find-my-way ends it). */
function slashes(path: string): number {
  let count = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 47) count++;
    else if ((c === 63 || c === 35) && i > 0) break;
  }
  return count;
}
