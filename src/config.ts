export function databaseUrlFromEnvironment(): string {
  return process.env.DATABASE_URL ?? "file:./data/council.db";
}
