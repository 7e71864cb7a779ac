/**
 * `council db copy`: moves a council's whole database from one engine to the other (SQLite to PostgreSQL
 * when a province outgrows one machine, or back), table by table through the Prisma client, so each value
 * keeps its type. Tables go in foreign-key order, read from the source's own catalog; ids are kept, and on
 * PostgreSQL each id sequence then continues after the largest copied id. Verified by counting every table
 * on both sides.
 */
import type { Database } from "./client.js";
import { DatabaseError } from "./errors.js";

/** Every table of the model, as the generated client names them (delegates are their lowerCamel forms). */
const TABLES = [
  "Council",
  "Unit",
  "Member",
  "ChatIdentity",
  "Chat",
  "InviteCode",
  "Notice",
  "NoticeDelivery",
  "NoticeAck",
  "TaskSeries",
  "ReportTask",
  "TaskExtension",
  "TaskAssignment",
  "Submission",
  "SubmissionAddition",
  "UrgentIssue",
  "IssueEvent",
  "Attachment",
  "Conversation",
  "OutboxMessage",
  "ProcessedEvent",
  "StartedEvent",
  "Lease",
  "DispatchLog",
  "AuditLog",
  "Sequence",
  "SentMenu",
  "WebSession",
  "WebLoginLink",
  "UnlinkedAccount",
  "InviteFailure",
] as const;

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

type Delegate = {
  count(): Promise<number>;
  findMany(args: { orderBy: Record<string, "asc">; skip: number; take: number }): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
};

const delegate = (db: Database, table: string): Delegate =>
  (db.prisma as unknown as Record<string, Delegate>)[table.charAt(0).toLowerCase() + table.slice(1)]!;

/** Foreign keys as (table, referenced table) pairs, from the database's own catalog. */
async function foreignKeys(db: Database): Promise<[string, string][]> {
  if (db.engine === "postgresql") {
    const rows = await db.prisma.$queryRawUnsafe<{ child: string; parent: string }[]>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE k.contype = 'f' AND n.nspname = current_schema()`,
    );
    return rows.map((r) => [r.child, r.parent]);
  }
  const pairs: [string, string][] = [];
  for (const table of TABLES) {
    const rows = await db.prisma.$queryRawUnsafe<{ table: string }[]>(`SELECT "table" FROM pragma_foreign_key_list('${table}')`);
    for (const r of rows) pairs.push([table, r.table]);
  }
  return pairs;
}

/** The tables, parents before children (a table referring to itself is ordered by its rows, see copyTable). */
export function orderTables(tables: readonly string[], fks: [string, string][]): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t)) return;
    if (path.has(t)) throw new DatabaseError(`The tables' foreign keys form a cycle through ${t}`);
    path.add(t);
    for (const [child, parent] of fks) if (child === t && parent !== t && tables.includes(parent)) visit(parent, path);
    path.delete(t);
    done.add(t);
    order.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return order;
}

/** The primary key of each table keyed by something other than an integer id. */
const KEYED_BY: Record<string, string> = { ProcessedEvent: "key", StartedEvent: "key", Lease: "name", Sequence: "name" };

async function copyTable(from: Database, to: Database, table: string, selfParent: string | undefined): Promise<number> {
  const src = delegate(from, table);
  const dst = delegate(to, table);
  const orderField = KEYED_BY[table] ?? "id";
  let copied = 0;
  let waiting: Record<string, unknown>[] = [];
  const present = new Set<unknown>();
  for (let skip = 0; ; skip += 1000) {
    const rows = await src.findMany({ orderBy: { [orderField]: "asc" }, skip, take: 1000 });
    if (rows.length === 0) break;
    // A row whose parent is in the same table waits until every row without one is in.
    const ready = selfParent ? rows.filter((r) => r[selfParent] === null) : rows;
    if (selfParent) waiting.push(...rows.filter((r) => r[selfParent] !== null));
    if (ready.length > 0) copied += (await dst.createMany({ data: ready })).count;
    if (selfParent) for (const r of ready) present.add(r.id);
  }
  while (selfParent && waiting.length > 0) {
    const round = waiting.filter((r) => present.has(r[selfParent]));
    if (round.length === 0) throw new DatabaseError(`${table}: some rows refer to parents that do not exist`);
    copied += (await dst.createMany({ data: round })).count;
    for (const r of round) present.add(r.id);
    waiting = waiting.filter((r) => !present.has(r.id));
  }
  return copied;
}

/** Copies everything; refuses a target that already holds a council. */
export async function copyDatabase(from: Database, to: Database, progress: (table: string, rows: number) => void = () => {}) {
  if ((await delegate(to, "Council").count()) > 0)
    throw new DatabaseError("The target database already holds data; copy into a new, empty database.");
  const fks = await foreignKeys(from);
  const order = orderTables(TABLES, fks);
  const selfRefs = new Map<string, string>([["Unit", "parentId"]]);
  for (const table of order) {
    const n = await copyTable(from, to, table, selfRefs.get(table));
    progress(table, n);
  }
  if (to.engine === "postgresql") {
    // Serial ids continue after the copied ones (tables keyed by name or key have no sequence).
    for (const table of TABLES.filter((t) => !KEYED_BY[t]))
      await to.prisma.$queryRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "${table}"`,
      );
  }
  const counts: TableCount[] = [];
  for (const table of TABLES)
    counts.push({ table, source: await delegate(from, table).count(), target: await delegate(to, table).count() });
  return { counts, ok: counts.every((c) => c.source === c.target) };
}
