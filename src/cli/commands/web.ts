/** `council web link --member ID`: a one-time sign-in link to the office web console, for the operator to hand over. */
import type { CommandRegistrar } from "../main.js";
import { CliError } from "../context.js";
import { createLoginLink, LOGIN_LINK_MINUTES } from "../../core/access/console-access.js";
import { PERMISSIONS } from "../../core/permissions.js";

export const registerWebCommands: CommandRegistrar = (program, ctx) => {
  const web = program.command("web").description("The office web console");
  web
    .command("link")
    .description(
      `Print a one-time sign-in link for a member (valid ${LOGIN_LINK_MINUTES} minutes; roles: admin, ${PERMISSIONS.useConsole.join(", ")})`,
    )
    .requiredOption("--member <id>", "the member's id (see `council members list`)")
    .option("--json", "print JSON")
    .action(async (opts: { member: string; json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const memberId = /^\d+$/.test(opts.member.trim()) ? Number(opts.member.trim()) : NaN;
      if (!Number.isSafeInteger(memberId))
        throw new CliError(`--member "${opts.member}" is not a member id. See \`council members list\`.`);
      const result = await createLoginLink(await c.db(), { memberId, councilId: council.id, via: "cli", now: c.clock.now() });
      if (!result.ok) {
        if (result.reason === "not_found") throw new CliError(`No member with id ${memberId}. See \`council members list\`.`);
        if (result.reason === "inactive") throw new CliError(`Member ${memberId} is deactivated.`);
        throw new CliError(`Member ${memberId} is ${result.role}; the console is for admin, ${PERMISSIONS.useConsole.join(", ")}.`);
      }
      const url = `${c.config.web.publicUrl}/dang-nhap?t=${result.token}`;
      if (opts.json) {
        c.out(JSON.stringify({ url, member: memberId, name: result.memberName, expiresAt: result.expiresAt.toISOString() }, null, 2));
        return;
      }
      c.out(`Sign-in link for ${result.memberName} (works once, until ${result.expiresAt.toISOString()}):`);
      c.out(url);
    });
};
