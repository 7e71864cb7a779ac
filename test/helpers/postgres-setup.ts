/**
 * Vitest global setup: with TEST_DATABASE_URL (a PostgreSQL server URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres)
 * the run creates a database of its own, hands it to the test workers through the environment, and drops it
 * at the end, so two runs on one server (a developer's and CI's) never see each other's schemas.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { POSTGRES_RUN_URL_VARIABLE } from "./db.js";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return undefined;
  const name = `council_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env[POSTGRES_RUN_URL_VARIABLE] = url.toString();
  return async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}
