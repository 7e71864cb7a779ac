import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "commands/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests open real SQLite files and local HTTP servers; two workers match the two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
