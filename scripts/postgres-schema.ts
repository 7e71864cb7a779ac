/** Writes prisma/postgres/schema.prisma from prisma/schema.prisma (see scripts/lib/postgres-schema.ts). */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { derivePostgresSchema, POSTGRES_SCHEMA_PATH } from "./lib/postgres-schema.js";

const root = path.resolve(import.meta.dirname, "..");
const target = path.join(root, POSTGRES_SCHEMA_PATH);
writeFileSync(target, derivePostgresSchema(readFileSync(path.join(root, "prisma/schema.prisma"), "utf8")));
console.log(`Wrote ${POSTGRES_SCHEMA_PATH}`);
