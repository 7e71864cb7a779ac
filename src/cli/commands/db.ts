import type { CommandRegistrar } from "../main.js";
import { seedDemo, DEMO_COUNCIL } from "../../core/directory/demo-seed.js";
import { upsertCouncil } from "../../db/councils.js";
import { audit } from "../../db/audit.js";
import { IANAZone } from "luxon";
import path from "node:path";
import { CliError } from "../context.js";
import { databaseTargetFromUrl } from "../../config.js";
import { openDatabase } from "../../db/client.js";
import { backupSqlite } from "../../db/backup.js";
import { copyDatabase } from "../../db/copy.js";

export const registerDbCommands: CommandRegistrar = (program, ctx) => {
  const db = program.command("db").description("Database maintenance");
  db.command("migrate")
    .description("Apply the committed migrations to the database (also done automatically at start)")
    .action(async () => {
      const c = ctx();
      const database = await c.db();
      const { applied, alreadyApplied } = database.migration;
      c.out(
        applied.length > 0
          ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
          : `Database is up to date (${alreadyApplied} migration(s) applied).`,
      );
      c.out(`Database: ${database.location}`);
    });

  db.command("backup")
    .description("Write a consistent copy of the SQLite database to FILE while the service runs (PostgreSQL: use pg_dump)")
    .argument("<file>", "the backup file to create, e.g. backups/council-2026-12-05.db")
    .action(async (file: string) => {
      const c = ctx();
      const target = c.config.database;
      if (target.engine !== "sqlite")
        throw new CliError("The database is PostgreSQL: back it up with pg_dump (see the README's Deployment section).");
      const { pages } = await backupSqlite(target.file, path.resolve(file));
      c.out(`Backed up ${target.file} to ${path.resolve(file)} (${pages} pages).`);
    });

  db.command("copy")
    .description("Copy every table from one database to another, e.g. from SQLite to a new PostgreSQL database; verified by counts")
    .requiredOption("--from <url>", 'the source, e.g. "file:./data/council.db"')
    .requiredOption("--to <url>", 'the target, e.g. "postgresql://council@db.example:5432/council"')
    .action(async (opts: { from: string; to: string }) => {
      const c = ctx();
      const valid = (u: string) => /^(file:.+|postgres(ql)?:\/\/.+)$/i.test(u);
      for (const [flag, u] of [
        ["--from", opts.from],
        ["--to", opts.to],
      ] as const)
        if (!valid(u)) throw new CliError(`${flag} must be a file: or postgresql:// URL, not "${u}".`);
      if (opts.from === opts.to) throw new CliError("--from and --to are the same database.");
      const from = await openDatabase(databaseTargetFromUrl(opts.from));
      const to = await openDatabase(databaseTargetFromUrl(opts.to));
      try {
        const { counts, ok } = await copyDatabase(from, to, (table, rows) => c.out(`${table}: ${rows} row(s) copied`));
        const differing = counts.filter((x) => x.source !== x.target);
        if (!ok)
          throw new CliError(`Counts differ after the copy: ${differing.map((d) => `${d.table} ${d.source} -> ${d.target}`).join(", ")}`);
        c.out(
          `Copied ${counts.reduce((n, x) => n + x.target, 0)} rows in ${counts.length} tables from ${from.location} to ${to.location}; every count matches.`,
        );
      } finally {
        await from.close();
        await to.close();
      }
    });

  program
    .command("init")
    .description("Create the council this instance serves")
    .requiredOption("--code <code>", "short code, e.g. QUANGNGAI")
    .requiredOption("--name <name>", 'the council\'s name, e.g. "HĐND tỉnh Quảng Ngãi"')
    .option("--timezone <tz>", "IANA time zone", "Asia/Ho_Chi_Minh")
    .action(async (opts: { code: string; name: string; timezone: string }) => {
      const c = ctx();
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(opts.code)) throw new CliError("--code may only contain letters, digits, - and _ (at most 40).");
      if (!IANAZone.isValidZone(opts.timezone))
        throw new CliError(`--timezone "${opts.timezone}" is not a time zone (e.g. Asia/Ho_Chi_Minh).`);
      const database = await c.db();
      const { council, created } = await database.transaction(async (tx) => {
        const r = await upsertCouncil(tx, { code: opts.code.toUpperCase(), name: opts.name.trim(), timezone: opts.timezone });
        if (r.created)
          await audit(tx, {
            councilId: r.council.id,
            actorLabel: "cli",
            action: "council.create",
            entityType: "council",
            entityId: r.council.id,
          });
        return r;
      });
      c.out(created ? `Created council ${council.code}: ${council.name}` : `Council ${council.code} already exists: ${council.name}`);
    });

  const seed = program.command("seed").description("Sample data");
  seed
    .command("demo")
    .description(
      `Create the demo council ${DEMO_COUNCIL.code} (${DEMO_COUNCIL.name}: 15 communes and wards, 2 committees, demo members); running it twice changes nothing`,
    )
    .action(async () => {
      const c = ctx();
      const result = await seedDemo(await c.db(), c.config.timezone, "cli");
      c.out(
        result.created
          ? `Created the demo council ${DEMO_COUNCIL.code} with ${result.units} units and ${result.members} members.`
          : result.units + result.members > 0
            ? `Demo council ${DEMO_COUNCIL.code} restored: ${result.units} unit(s) and ${result.members} member(s) updated.`
            : `Demo council ${DEMO_COUNCIL.code} already present; nothing changed.`,
      );
    });
};
