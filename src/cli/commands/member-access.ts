/** `council members deactivate ID` and `council members unlink ID --platform P`: removing a person's access. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { CliError } from "../context.js";
import { deactivateMember, unlinkMemberAccount } from "../../core/access/revoke-access.js";
import { knownPlatforms, parsePlatformName } from "../../messaging/platform.js";

function memberId(id: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw new CliError(`"${id}" is not a member id. See \`council members list\`.`);
  return n;
}

export function registerMemberAccessCommands(members: Command, ctx: () => CliContext): void {
  members
    .command("deactivate <id>")
    .description(
      "Remove a member's access: unlink every chat account, end their conversations and console sessions, revoke their open invites, mark them inactive",
    )
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const r = await deactivateMember(await c.db(), {
        councilId: council.id,
        memberId: memberId(id),
        by: { kind: "cli" },
        now: c.clock.now(),
      });
      if (!r.ok) {
        if (r.reason === "already_inactive") throw new CliError(`Member ${id} is already inactive.`);
        throw new CliError(`No member with id ${id}. See \`council members list\`.`);
      }
      if (opts.json) {
        c.out(JSON.stringify(r, null, 2));
        return;
      }
      c.out(`${r.fullName} is inactive from now on.`);
      c.out(
        `Unlinked: ${r.accounts.length > 0 ? r.accounts.join(", ") : "no chat account"}; conversations ended: ${r.conversationsEnded}; invites revoked: ${r.invitesRevoked}; console sessions ended: ${r.sessionsEnded}.`,
      );
    });
  members
    .command("unlink <id>")
    .description("Unlink one chat account of a member (a lost phone): the account stops speaking for them; other accounts stay")
    .requiredOption("--platform <platform>", "the platform to unlink, e.g. telegram")
    .action(async (id: string, opts: { platform: string }) => {
      const c = ctx();
      const council = await c.council();
      const platform = parsePlatformName(opts.platform);
      if (!platform)
        throw new CliError(
          `Unknown platform "${opts.platform}". Use one of: ${knownPlatforms()
            .map((p) => p.name)
            .join(", ")}.`,
        );
      const r = await unlinkMemberAccount(await c.db(), {
        councilId: council.id,
        memberId: memberId(id),
        platform,
        by: { kind: "cli" },
        now: c.clock.now(),
      });
      if (!r.ok) {
        if (r.reason === "not_linked") throw new CliError(`Member ${id} has no ${platform} account linked.`);
        throw new CliError(`No member with id ${id}. See \`council members list\`.`);
      }
      c.out(`${r.fullName}'s ${platform} account is unlinked${r.conversationEnded ? " (their unfinished conversation ended)" : ""}.`);
    });
}
