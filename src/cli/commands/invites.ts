import type { CommandRegistrar } from "../main.js";
import { CliError } from "../context.js";
import { createInvite } from "../../core/invites.js";
import { ROLES } from "../../domain/vocabulary.js";
import { findMemberById } from "../../db/members.js";

export const registerInviteCommands: CommandRegistrar = (program, ctx) => {
  const invite = program.command("invite").description("One-time codes that link a chat account to a member");
  invite
    .command("create")
    .description("Create a one-time invite code (stored hashed; expires after INVITE_TTL_DAYS, 7 by default)")
    .requiredOption("--role <role>", `one of: ${ROLES.join(", ")}`)
    .option("--unit <code>", "the member's unit (required for vice_chair and committee)")
    .option("--name <name>", 'the person\'s full name, e.g. "Nguyễn Văn An"')
    .option("--member <id>", "link an existing member (id from `council members list`)")
    .option("--json", "print JSON")
    .action(async (opts: { role: string; unit?: string; name?: string; member?: string; json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const db = await c.db();
      let memberId: number | null = null;
      if (opts.member !== undefined) {
        memberId = Number(opts.member);
        const member = Number.isInteger(memberId) ? await findMemberById(db.prisma, memberId) : null;
        if (!member || member.councilId !== council.id)
          throw new CliError(`No member with id ${opts.member}. See \`council members list\`.`);
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
      });
      if (!result.ok) {
        if (result.reason === "bad_role") throw new CliError(`Unknown role "${result.detail}". Use one of: ${ROLES.join(", ")}.`);
        if (result.reason === "unknown_unit") throw new CliError(`Unknown unit code "${result.detail}". See \`council units list\`.`);
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
              expiresAt: result.expiresAt.toISOString(),
            },
            null,
            2,
          ),
        );
        return;
      }
      c.out(`Invite code: ${result.code}`);
      c.out(`Hand this line to the person; they send it to the bot (Telegram or Zalo): ${startLine}`);
      c.out(
        `Role: ${result.role}${result.unit ? `, unit ${result.unit.code} (${result.unit.name})` : ""}${result.fullName ? `, for ${result.fullName}` : ""}`,
      );
      c.out(`Valid until ${result.expiresAt.toISOString()}; it works once.`);
    });
};
