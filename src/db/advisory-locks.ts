/**
 * Cross-instance locks by key on PostgreSQL: a session advisory lock on a connection of a small pool of its
 * own, held while the work runs (the work itself uses Prisma's connections). A lock is tied to its
 * connection, so an instance that dies releases its locks with it.
 */
import pg from "pg";

export class AdvisoryLocks {
  private readonly pool: pg.Pool;

  constructor(url: string, max = 8) {
    this.pool = new pg.Pool({ connectionString: url, max });
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("SELECT pg_advisory_lock(hashtextextended($1, 7))", [key]);
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 7))", [key]).catch(() => {
          // The connection is unusable: dropping it releases the lock on the server.
          broken = true;
        });
      }
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
