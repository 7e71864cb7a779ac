import type { Tx } from "./client.js";

/** Next value of a named counter, inside the caller's transaction (receipt numbers never repeat). */
export async function nextSequence(tx: Tx, name: string): Promise<number> {
  const row = await tx.sequence.upsert({ where: { name }, create: { name, value: 1 }, update: { value: { increment: 1 } } });
  return row.value;
}
