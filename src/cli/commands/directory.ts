import { readFile } from "node:fs/promises";
import type { CommandRegistrar } from "../main.js";
import { CliError, formatTable } from "../context.js";
import { importUnits, type ImportOutcome } from "../../core/directory/import-units.js";
import { importMembers } from "../../core/directory/import-members.js";
import { councilStatus } from "../../core/directory/status.js";
import { listUnits } from "../../db/units.js";
import { listMembers } from "../../db/members.js";
import { knownPlatforms } from "../../messaging/platform.js";
import { registerMemberAccessCommands } from "./member-access.js";

export async function readInputFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CliError(
      code === "ENOENT"
        ? `File not found: ${file}`
        : code === "EISDIR"
          ? `${file} is a folder, not a file`
          : `Cannot read ${file}: ${(err as Error).message}`,
    );
  }
}

/** Prints an import's outcome; a refused file is an error listing every problem by line. */
export function reportImport(what: string, file: string, outcome: ImportOutcome, out: (l: string) => void): void {
  if (outcome.ok) {
    out(`Imported ${what} from ${file}: ${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged.`);
    return;
  }
  const shown = outcome.problems.slice(0, 30).map((p) => `  line ${p.line}: ${p.message}`);
  const more = outcome.problems.length > 30 ? [`  ... and ${outcome.problems.length - 30} more`] : [];
  throw new CliError([`${file} was not imported (nothing changed):`, ...shown, ...more].join("\n"));
}

export const registerDirectoryCommands: CommandRegistrar = (program, ctx) => {
  const units = program.command("units").description("The council's units (communes, wards, committees ...)");
  units
    .command("import <file>")
    .description("Create or update units from a CSV file (columns: code, name, kind, parent)")
    .action(async (file: string) => {
      const c = ctx();
      const council = await c.council();
      reportImport("units", file, await importUnits(await c.db(), council.id, await readInputFile(file), "cli"), c.out);
    });
  units
    .command("list")
    .description("List the units")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const rows = await listUnits((await c.db()).prisma, council.id);
      const byId = new Map(rows.map((u) => [u.id, u]));
      if (opts.json) {
        c.out(
          JSON.stringify(
            rows.map((u) => ({
              code: u.code,
              name: u.name,
              kind: u.kind,
              parent: u.parentId ? (byId.get(u.parentId)?.code ?? null) : null,
              active: u.active,
            })),
            null,
            2,
          ),
        );
        return;
      }
      c.out(
        formatTable(
          ["CODE", "NAME", "KIND", "PARENT"],
          rows.map((u) => [u.code, u.name, u.kind, u.parentId ? byId.get(u.parentId)?.code : ""]),
        ),
      );
      c.out(`${rows.length} unit(s)`);
    });

  const members = program.command("members").description("People known to the council");
  members
    .command("import <file>")
    .description("Create or update members from a CSV file (columns: code, name, role, unit, title, phone, email)")
    .action(async (file: string) => {
      const c = ctx();
      const council = await c.council();
      reportImport("members", file, await importMembers(await c.db(), council.id, await readInputFile(file), "cli"), c.out);
    });
  members
    .command("list")
    .description("List the members, with their linked chat accounts")
    .option("--json", "print JSON")
    .option("--role <role>", "only this role")
    .action(async (opts: { json?: boolean; role?: string }) => {
      const c = ctx();
      const council = await c.council();
      const rows = await listMembers((await c.db()).prisma, council.id, opts.role ? { role: opts.role } : {});
      const platforms = knownPlatforms();
      const view = rows.map((m) => ({
        id: m.id,
        code: m.code,
        name: m.fullName,
        role: m.role,
        unit: m.unit?.code ?? null,
        title: m.title,
        ...Object.fromEntries(platforms.map((p) => [p.name, m.identities.some((i) => i.platform === p.name)])),
        active: m.active,
      }));
      if (opts.json) {
        c.out(JSON.stringify(view, null, 2));
        return;
      }
      c.out(
        formatTable(
          ["ID", "CODE", "NAME", "ROLE", "UNIT", ...platforms.map((p) => p.name.toUpperCase()), "ACTIVE"],
          view.map((m) => [
            m.id,
            m.code,
            m.name,
            m.role,
            m.unit,
            ...platforms.map((p) => ((m as Record<string, unknown>)[p.name] ? "linked" : "")),
            m.active ? "" : "inactive",
          ]),
        ),
      );
      c.out(`${rows.length} member(s)`);
    });
  registerMemberAccessCommands(members, ctx);

  program
    .command("status")
    .description("Counts of units, members, linked accounts, groups, open tasks and the outbox")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const s = await councilStatus(await c.db(), council);
      if (opts.json) {
        c.out(JSON.stringify(s, null, 2));
        return;
      }
      const kinds = Object.entries(s.unitsByKind)
        .filter(([k]) => k !== "committee")
        .map(([k, n]) => `${n} ${k}`)
        .join(", ");
      const roles = Object.entries(s.membersByRole)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ");
      const purposes = Object.entries(s.groups.byPurpose)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ");
      c.out(`Council:          ${s.council.name} (${s.council.code}, ${s.council.timezone})`);
      c.out(`Units:            ${s.units}${kinds ? ` (${kinds})` : ""}`);
      c.out(`Committees:       ${s.committees}`);
      c.out(`Members:          ${s.members}${roles ? ` (${roles})` : ""}`);
      c.out(
        `Linked accounts:  ${knownPlatforms()
          .map((p) => `${s.linkedAccounts[p.name] ?? 0} ${p.displayName}`)
          .join(", ")}`,
      );
      c.out(`Groups:           ${s.groups.total} registered, ${s.groups.active} active${purposes ? ` (${purposes})` : ""}`);
      c.out(`Open tasks:       ${s.openTasks}`);
      c.out(`Outbox:           ${s.pendingOutbox} pending, ${s.failedOutbox} failed`);
    });
};
