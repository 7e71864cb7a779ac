import type { CommandRegistrar } from "../main.js";
import { CliError, formatTable } from "../context.js";
import { listInvites, revokeInvite } from "../../core/access/revoke-access.js";
import { createInvite, membersNamed } from "../../core/invites.js";
import { ROLES } from "../../domain/vocabulary.js";
import { findMemberById } from "../../db/members.js";
import { issueInvitesInBulk } from "../../core/directory/console-directory.js";
import { safeCsv } from "../../core/export/csv.js";
import { inviteFile } from "../../i18n/vi/directory.js";
import { localStamp } from "./tasks.js";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Role } from "../../domain/vocabulary.js";
import { serverSecret } from "../../files/server-secret.js";

export const registerInviteCommands: CommandRegistrar = (program, ctx) => {
  const invite = program.command("invite").description("One-time codes that link a chat account to a member");
  invite
    .command("create")
    .description("Create a one-time invite code (stored hashed; expires after INVITE_TTL_DAYS, 7 by default)")
    .option(
      "--role <role>",
      `one of: ${ROLES.join(", ")} (or as in CSV files: "Phó Chủ tịch", "Văn phòng" ...; with --all-unlinked: only members of that role)`,
    )
    .option("--all-unlinked", "a code for every active member who has not linked a chat account yet, written to --out")
    .option("--out <file>", "with --all-unlinked: the CSV file to write (UTF-8 with BOM, for Excel; readable by its owner only)")
    .option("--unit <code>", "the member's unit (required for vice_chair and committee)")
    .option("--name <name>", 'the person\'s full name, e.g. "Nguyễn Văn An"')
    .option("--member <id>", "link an existing member (id from `council members list`)")
    .option("--json", "print JSON")
    .action(
      async (opts: {
        role?: string;
        unit?: string;
        name?: string;
        member?: string;
        json?: boolean;
        allUnlinked?: boolean;
        out?: string;
      }) => {
        const c = ctx();
        if (opts.allUnlinked) {
          if (opts.unit !== undefined || opts.name !== undefined || opts.member !== undefined)
            throw new CliError("--all-unlinked goes with --role and --out only.");
          if (opts.out === undefined) throw new CliError("--all-unlinked needs --out FILE.csv: the codes exist only in that file.");
          if (opts.role !== undefined && !(ROLES as readonly string[]).includes(opts.role))
            throw new CliError(`Unknown role "${opts.role}". Use one of: ${ROLES.join(", ")}.`);
          const council = await c.council();
          const db = await c.db();
          const { invites, skipped } = await issueInvitesInBulk(db, council.id, {
            ...(opts.role ? { role: opts.role as Role } : {}),
            ttlDays: c.config.inviteTtlDays,
            now: c.clock.now(),
            actorLabel: "cli",
            actorId: null,
            secret: serverSecret(c.config),
          });
          const target = path.resolve(opts.out);
          const csv = safeCsv(
            invites.map((i) => [
              i.fullName,
              inviteFile.role(i.role),
              i.unitCode,
              i.unitName,
              i.code,
              `/start ${i.code}`,
              localStamp(i.expiresAt, c.config.timezone),
            ]),
            inviteFile.columns,
          );
          // The codes are stored hashed: this file is the only copy, and whoever holds it can link as anyone in it.
          await writeFile(target, csv, { mode: 0o600 });
          if (opts.json)
            c.out(
              JSON.stringify(
                { file: target, invites: invites.length, skipped, expiresAt: invites[0]?.expiresAt.toISOString() ?? null },
                null,
                2,
              ),
            );
          else {
            c.out(
              `Wrote ${invites.length} invite code(s) to ${target}${skipped > 0 ? ` (${skipped} member(s) skipped: no unit for their role)` : ""}.`,
            );
            c.out("The codes exist only in that file (the database keeps their hashes): hand them out, then delete it.");
          }
          return;
        }
        if (opts.role === undefined) throw new CliError("--role is required (or --all-unlinked).");
        const council = await c.council();
        const db = await c.db();
        let memberId: number | null = null;
        if (opts.member !== undefined) {
          memberId = Number(opts.member);
          const member = Number.isInteger(memberId) ? await findMemberById(db.prisma, memberId) : null;
          if (!member || member.councilId !== council.id)
            throw new CliError(`No member with id ${opts.member}. See \`council members list\`.`);
        } else if (opts.name !== undefined) {
          // The same person already in the directory (the demo's, an import's): link that member, never a twin.
          const same = await membersNamed(db, council.id, opts.name, opts.unit ?? null);
          if (same.length > 1)
            throw new CliError(
              `${same.length} members are named "${opts.name}"${opts.unit ? ` in ${same[0]!.unitCode}` : ""} (ids ${same.map((m) => m.id).join(", ")}). Use --member ID to choose one (see \`council members list\`).`,
            );
          if (same.length === 1) memberId = same[0]!.id;
        }
        const result = await createInvite(db, {
          councilId: council.id,
          role: opts.role,
          unitCode: opts.unit ?? null,
          fullName: opts.name ?? null,
          memberId,
          ttlDays: c.config.inviteTtlDays,
          now: c.clock.now(),
          actorLabel: "cli",
          secret: serverSecret(c.config),
        });
        if (!result.ok) {
          if (result.reason === "bad_role") throw new CliError(`Unknown role "${result.detail}". Use one of: ${ROLES.join(", ")}.`);
          if (result.reason === "unknown_unit") throw new CliError(`Unknown unit code "${result.detail}". See \`council units list\`.`);
          if (result.reason === "committee_unit")
            throw new CliError(
              `${result.detail} is a committee (Ban HĐND): a vice_chair invite needs a commune or ward. For a committee member use --role committee.`,
            );
          throw new CliError(`Role ${result.detail} needs --unit CODE.`);
        }
        const startLine = `/start ${result.code}`;
        if (opts.json) {
          c.out(
            JSON.stringify(
              {
                code: result.code,
                start: startLine,
                role: result.role,
                unit: result.unit?.code ?? null,
                name: result.fullName,
                member: memberId,
                expiresAt: result.expiresAt.toISOString(),
                expiresAtLocal: localStamp(result.expiresAt, c.config.timezone),
              },
              null,
              2,
            ),
          );
          return;
        }
        c.out(`Invite code: ${result.code}`);
        if (memberId !== null && opts.member === undefined) c.out(`For the existing member #${memberId} (${opts.name}).`);
        c.out(`Hand this line to the person; they send it to the bot (Telegram or Zalo): ${startLine}`);
        c.out(
          `Role: ${result.role}${result.unit ? `, unit ${result.unit.code} (${result.unit.name})` : ""}${result.fullName ? `, for ${result.fullName}` : ""}`,
        );
        c.out(`Valid until ${localStamp(result.expiresAt, c.config.timezone)} (${c.config.timezone}); it works once.`);
      },
    );

  invite
    .command("list")
    .description("List the invites: open, used, expired or revoked (the codes themselves are not stored)")
    .option("--open", "only the open ones")
    .option("--json", "print JSON")
    .action(async (opts: { open?: boolean; json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const rows = (await listInvites(await c.db(), council.id, c.clock.now())).filter((i) => !opts.open || i.state === "open");
      if (opts.json) {
        c.out(
          JSON.stringify(
            rows.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
            null,
            2,
          ),
        );
        return;
      }
      c.out(
        formatTable(
          ["ID", "STATE", "ROLE", "UNIT", "NAME", "EXPIRES", "BY"],
          rows.map((i) => [i.id, i.state, i.role, i.unitCode, i.name, localStamp(i.expiresAt, c.config.timezone), i.createdBy]),
        ),
      );
      c.out(`${rows.length} invite(s)`);
    });
  invite
    .command("revoke <id>")
    .description("Revoke an open invite (id from `council invite list`): the code stops working at once")
    .action(async (id: string) => {
      const c = ctx();
      const council = await c.council();
      const inviteId = Number(id);
      if (!Number.isSafeInteger(inviteId) || inviteId <= 0) throw new CliError(`"${id}" is not an invite id. See \`council invite list\`.`);
      const result = await revokeInvite(await c.db(), { councilId: council.id, inviteId, by: { kind: "cli" }, now: c.clock.now() });
      if (!result.ok) {
        if (result.reason === "not_open") throw new CliError(`Invite ${id} is ${result.state}; only open invites can be revoked.`);
        throw new CliError(`No invite with id ${id}. See \`council invite list\`.`);
      }
      c.out(`Invite ${id} revoked; its code no longer works.`);
    });
};
