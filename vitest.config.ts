import { configDefaults, defineConfig } from "vitest/config";

/**
 * Files that never open a database (parsing, calendars, pure rules, adapters against fakes, architecture) or test
 * SQLite's own files: the PostgreSQL pass (TEST_DATABASE_URL, `npm run test:postgres`, CI's second pass) skips
 * them, since `npm test` already ran them and they would only add minutes to CI on two cores.
 */
const notOnPostgres = [
  "test/architecture/**",
  "test/calendar/**",
  "test/notice-parsing/**",
  "test/notices/**",
  "test/unit/**",
  "test/bot/inbound-throttle.test.ts",
  "test/delivery/verify.test.ts",
  "test/foundation/ack-migration.test.ts",
  "test/foundation/cli-lazy.test.ts",
  "test/foundation/config.test.ts",
  "test/foundation/migrations.test.ts",
  "test/periodic/periods.test.ts",
  "test/schedule/quiet-hours.test.ts",
  "test/schedule/schedule.test.ts",
  "test/schedule/vietnam-time.test.ts",
  "test/schedule/vietnamese-format.test.ts",
  "test/zalo-bot/updates.test.ts",
  "test/zalo/adapter.test.ts",
  "test/zalo/credentials.test.ts",
  "test/zalo/inbound.test.ts",
  "test/zalo/render.test.ts",
  "test/zalo/sender.test.ts",
  "test/zalo/zalo-api.test.ts",
  // A simulated year of one instance's reminders and digests (over four minutes on PostgreSQL on two cores): its
  // engine-specific part, each reminder once under concurrency, is proven on PostgreSQL by test/deadlines/jobs.test.ts
  // (two processes ticking at one moment) and the failover test; the calendar rules it replays do not depend on it.
  "test/periodic/year.test.ts",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "commands/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(process.env.TEST_DATABASE_URL ? notOnPostgres : [])],
    environment: "node",
    // TEST_DATABASE_URL runs the same suite on PostgreSQL (each test database a schema of a run's own database).
    globalSetup: ["test/helpers/postgres-setup.ts"],
    // Tests call the core and the outbox directly, as the service and the CLI do after importing the registry.
    setupFiles: ["test/helpers/platforms.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests open real SQLite files and local HTTP servers; two workers match the two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
