// Measurement only, loaded into the service with `node --import <this file> bin/service.mjs`; changes
// nothing in its behaviour.
// - $BENCH_SQL_COUNTS_FILE: counts the SQL statements the process prepares through better-sqlite3 (which
//   Prisma's driver adapter uses), by statement text; written as JSON when the process exits normally
//   (SIGTERM → the service's clean stop → process.exit).
// - $BENCH_MEMORY_FILE: appends process.memoryUsage() of the main thread as a JSON line every second.
import { createRequire } from "node:module";
import { appendFileSync, writeFileSync } from "node:fs";

const sqlOut = process.env.BENCH_SQL_COUNTS_FILE;
if (sqlOut) {
  // Resolved from the project (this file's folder): the same copy the adapter loads.
  const require = createRequire(import.meta.url);
  const Database = require("better-sqlite3");
  const counts = new Map();
  let prepares = 0;
  // Executions too: a connection that prepares a statement once and runs it many times (src/db/raw-reads.ts)
  // shows in `executions`, not in `prepares`.
  let executions = 0;
  let patched = false;
  const original = Database.prototype.prepare;
  Database.prototype.prepare = function prepare(sql, ...rest) {
    prepares++;
    const key = String(sql).replace(/\s+/g, " ").slice(0, 300);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const statement = original.call(this, sql, ...rest);
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(statement);
      for (const name of ["run", "get", "all", "iterate"]) {
        const fn = proto[name];
        proto[name] = function counted(...args) {
          executions++;
          return fn.apply(this, args);
        };
      }
    }
    return statement;
  };
  process.on("exit", () => {
    const rows = [...counts].sort((a, b) => b[1] - a[1]).map(([sql, n]) => ({ n, sql }));
    writeFileSync(sqlOut, JSON.stringify({ prepares, executions, statements: rows }, null, 1));
  });
}

const memOut = process.env.BENCH_MEMORY_FILE;
if (memOut) {
  const t0 = Date.now();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const mb = (x) => Math.round(x / 1048576);
    appendFileSync(
      memOut,
      `${JSON.stringify({ t: Date.now() - t0, rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) })}\n`,
    );
  }, 1000);
  timer.unref();
}
