import type { CommandRegistrar } from "../main.js";
import { seedDemo, DEMO_COUNCIL } from "../../core/directory/demo-seed.js";
import { upsertCouncil } from "../../db/councils.js";
import { audit } from "../../db/audit.js";
import { IANAZone } from "luxon";
import { CliError } from "../context.js";

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
