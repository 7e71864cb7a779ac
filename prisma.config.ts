// Configuration for the Prisma CLI (generate, migrate deploy/status/diff). The CLI runs the schema
// engine as WebAssembly through the better-sqlite3 driver adapter, so nothing downloads an engine binary.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrlFromEnvironment } from "./src/config.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrlFromEnvironment() });
  },
});
