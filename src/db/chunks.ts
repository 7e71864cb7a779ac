/**
 * Id lists of any length in `in: [...]` queries. A national council has 3,321 communes and 20 open tasks
 * make 66,420 assignments: lists that long exceed any database's limit on bound parameters (SQLite 32,766,
 * PostgreSQL 65,535), so every query over a caller's list goes through these in slices well below both.
 */
export const ID_CHUNK = 10_000;

/** The list in slices of at most `size` (no slice when the list is empty). */
export function chunked<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs a query per slice of the list and concatenates the rows (in slice order). */
export async function findInChunks<T, R>(items: readonly T[], query: (slice: T[]) => Promise<R[]>, size = ID_CHUNK): Promise<R[]> {
  const out: R[] = [];
  for (const slice of chunked([...new Set(items)], size)) out.push(...(await query(slice)));
  return out;
}

/** Runs a counting write (updateMany, deleteMany) per slice and adds the counts. */
export async function countInChunks<T>(
  items: readonly T[],
  write: (slice: T[]) => Promise<{ count: number }>,
  size = ID_CHUNK,
): Promise<number> {
  let n = 0;
  for (const slice of chunked([...new Set(items)], size)) n += (await write(slice)).count;
  return n;
}
