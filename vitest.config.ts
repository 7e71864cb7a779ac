import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "commands/**/*.test.ts"],
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
