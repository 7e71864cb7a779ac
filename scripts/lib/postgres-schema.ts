/**
 * prisma/postgres/schema.prisma is derived from prisma/schema.prisma, never edited by hand: the model is
 * written once (portable types only: strings for enumerations and JSON, see the schema's header) and only
 * the datasource and the generated client's folder differ. A test checks the committed file is this
 * function's output, so the two cannot drift.
 */
export const POSTGRES_SCHEMA_PATH = "prisma/postgres/schema.prisma";

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:new-migration` (or `tsx scripts/postgres-schema.ts`): do not edit.\n";

export function derivePostgresSchema(sqliteSchema: string): string {
  const replace = (text: string, from: RegExp, to: string): string => {
    if (!from.test(text)) throw new Error(`prisma/schema.prisma no longer has ${from}: update scripts/lib/postgres-schema.ts`);
    return text.replace(from, to);
  };
  let s = replace(sqliteSchema, /provider = "sqlite"/, 'provider = "postgresql"');
  s = replace(s, /url\s+= "file:\.\/dev\.db"/, 'url      = "postgresql://localhost/placeholder"');
  s = replace(s, /output\s+= "\.\.\/src\/generated\/prisma"/, 'output     = "../../src/generated/prisma-pg"');
  return HEADER + s;
}
