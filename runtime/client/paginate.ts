/**
 * `list()` returns a PagePromise: `await` it for the first page, or `for await` over it for every
 * item of every page, following the cursors. Nothing is requested until one of the two is used.
 */
import type { PaginationSpec } from "./types.js";

export type PageFetcher = (params: Record<string, unknown>) => Promise<unknown>;

export class PagePromise<Item, Page> implements PromiseLike<Page>, AsyncIterable<Item> {
  private first: Promise<Page> | undefined;

  constructor(
    private readonly fetchPage: PageFetcher,
    private readonly params: Record<string, unknown>,
    private readonly pagination: PaginationSpec | undefined,
  ) {}

  private firstPage(): Promise<Page> {
    this.first ??= this.fetchPage(this.params) as Promise<Page>;
    return this.first;
  }

  then<A = Page, B = never>(onFulfilled?: ((page: Page) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected: (reason: unknown) => B | PromiseLike<B>): Promise<Page | B> {
    return this.firstPage().catch(onRejected);
  }

  /** Every page, the first one included. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    let page: Page = await this.firstPage();
    for (;;) {
      yield page;
      const next = nextParams(this.pagination, this.params, page);
      if (!next) return;
      page = (await this.fetchPage(next)) as Page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* itemsOf(page) as Item[];
  }

  /** All items in one array; with `max`, at most that many, fetching no page beyond the one that holds the last. */
  async toArray(max: number = Number.POSITIVE_INFINITY): Promise<Item[]> {
    const items: Item[] = [];
    if (max <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}

function itemsOf(page: unknown): unknown[] {
  const data = (page as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? data : [];
}

/** The parameters of the page after `page`, or undefined at the end. */
export function nextParams(pagination: PaginationSpec | undefined, params: Record<string, unknown>, page: unknown): Record<string, unknown> | undefined {
  if (!pagination || typeof page !== "object" || page === null) return undefined;
  const record = page as Record<string, unknown>;
  const items = itemsOf(page);
  if (pagination.kind === "token") {
    const token = record[pagination.next];
    if (typeof token !== "string" || token === "" || record["has_more"] === false || items.length === 0) return undefined;
    return { ...params, [pagination.param]: token };
  }
  if (record["has_more"] !== true || items.length === 0) return undefined;
  // Paging backwards (ending_before given): the next page ends before the first item.
  const backwards = pagination.before !== undefined && params[pagination.before] !== undefined;
  const edge = (backwards ? items[0] : items[items.length - 1]) as { id?: unknown } | undefined;
  if (typeof edge?.id !== "string") return undefined;
  const next = { ...params };
  if (backwards) next[pagination.before!] = edge.id;
  else next[pagination.after] = edge.id;
  return next;
}
