/**
 * Transactions on PostgreSQL (Serializable): the races two instances run into are retried, and a retried
 * transaction gives its pool connection back. PostgreSQL only (TEST_DATABASE_URL).
 */
import { afterEach, describe, expect, it } from "vitest";
import { isSerializationFailure } from "../../src/db/errors.js";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/db.js";

/** A promise resolved once `count` parties have arrived: makes two transactions interleave the same way every run. */
function barrier(count: number): { arrive(): Promise<void> } {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return {
    arrive() {
      if (++arrived === count) open();
      return opened;
    },
  };
}

describe.runIf(onPostgres())("transactions on PostgreSQL", () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it("a conflict found at COMMIT is retried and gives its connection back (more conflicts than the pool has connections)", async () => {
    t = await createTestDatabase();
    const db = t.db;
    await db.prisma.$executeRawUnsafe(`CREATE TABLE skew (round int, who int)`);
    const rounds = 12; // the pool holds 10 connections: a leak per conflict would exhaust it
    let attempts = 0;
    for (let round = 0; round < rounds; round++) {
      // Write skew: both read the round's rows, then both insert. The second COMMIT fails with 40001.
      const read = barrier(2);
      const wrote = barrier(2);
      const firstAttempt = new Set<number>();
      const insert = (who: number) =>
        db.transaction(async (tx) => {
          attempts++;
          const first = !firstAttempt.has(who);
          firstAttempt.add(who);
          await tx.$queryRawUnsafe(`SELECT count(*) FROM skew WHERE round = ${round}`);
          if (first) await read.arrive();
          await tx.$executeRawUnsafe(`INSERT INTO skew VALUES (${round}, ${who})`);
          if (first) await wrote.arrive();
        });
      await Promise.all([insert(1), insert(2)]);
    }
    // every round had one conflict, found at COMMIT and retried
    expect(attempts).toBe(rounds * 3);
    const rows = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM skew`);
    expect(Number(rows[0]!.n)).toBe(rounds * 2);
    // all ten connections are usable at once
    const busy = await Promise.all(
      Array.from({ length: 10 }, () => db.transaction((tx) => tx.$queryRawUnsafe(`SELECT 1 AS one FROM pg_sleep(0.05)`))),
    );
    expect(busy).toHaveLength(10);
  });

  it("a raw statement that loses a Serializable race is recognised and the transaction retried", async () => {
    t = await createTestDatabase();
    const db = t.db;
    await db.prisma.$executeRawUnsafe(`CREATE TABLE counter (v int)`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO counter VALUES (0)`);
    const read = barrier(2);
    const updated = barrier(2);
    const seen: unknown[] = [];
    let secondAttempts = 0;
    const first = db.transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT v FROM counter`);
      await read.arrive();
      await tx.$executeRawUnsafe(`UPDATE counter SET v = v + 1`);
      void updated.arrive();
    });
    const second = db.transaction(async (tx) => {
      secondAttempts++;
      await tx.$queryRawUnsafe(`SELECT v FROM counter`);
      if (secondAttempts === 1) {
        await read.arrive();
        await updated.arrive(); // the first has updated (not committed): this UPDATE waits, then fails with 40001
      }
      try {
        await tx.$executeRawUnsafe(`UPDATE counter SET v = v + 10`);
      } catch (err) {
        seen.push(err);
        throw err;
      }
    });
    await Promise.all([first, second]);
    expect(seen).toHaveLength(1);
    expect(isSerializationFailure(seen[0])).toBe(true);
    expect(secondAttempts).toBe(2);
    const rows = await db.prisma.$queryRawUnsafe<{ v: number }[]>(`SELECT v FROM counter`);
    expect(rows[0]!.v).toBe(11);
  });
});
