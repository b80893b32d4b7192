/** Lists a key may see part of: pages filled past the rows it may not see. */

export interface PageRequest {
  /** Only rows whose id sorts after this one. */
  readonly startingAfter?: string | undefined;
  readonly limit: number;
}

/**
 * Fetches pages until `limit + 1` rows pass `keep` (or the rows run out): one more than the page
 * holds, so the transport can say whether there is more.
 */
export async function visiblePage<T extends { id: string }>(
  fetch: (startingAfter: string | undefined, limit: number) => Promise<T[]>,
  keep: (row: T) => Promise<boolean> | boolean,
  page: PageRequest,
): Promise<T[]> {
  const kept: T[] = [];
  let after = page.startingAfter;
  for (;;) {
    const rows = await fetch(after, page.limit + 1);
    for (const row of rows) {
      if (await keep(row)) kept.push(row);
      if (kept.length > page.limit) return kept;
    }
    const last = rows[rows.length - 1];
    if (rows.length <= page.limit || last === undefined) return kept;
    after = last.id;
  }
}

/** A store page (`startingAfter` left out when there is none). */
export function storePage(startingAfter: string | undefined, limit: number) {
  return { limit, ...(startingAfter === undefined ? {} : { startingAfter }) };
}
