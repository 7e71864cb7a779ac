// Configuration for the Prisma CLI on PostgreSQL (generate, migrate diff, db pull): the same engine-free setup
// as prisma.config.ts with the pg driver adapter. Only needs a server for commands that read a database.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseTargetFromUrl, databaseUrlFromEnvironment } from "./src/config.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgres/schema.prisma",
  async adapter() {
    const url = databaseUrlFromEnvironment();
    const target = databaseTargetFromUrl(/^postgres/i.test(url) ? url : "postgresql://postgres@127.0.0.1:5432/postgres");
    if (target.engine !== "postgresql") throw new Error("DATABASE_URL must be a postgresql:// URL for this configuration");
    return new PrismaPg({ connectionString: target.url }, { schema: target.schema });
  },
});
