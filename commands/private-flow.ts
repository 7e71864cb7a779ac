/**
 * Reports and issues are not written in front of everyone: typed in a group, the command answers with a
 * button that opens a private chat with the bot (a deep link that runs the same command there).
 */
import type { CommandDefinition } from "../src/bot/commands.js";
import { common } from "../src/i18n/vi/common.js";

type CommandContext = Parameters<CommandDefinition["run"]>[0];

export async function startInPrivate(ctx: CommandContext, flow: string, command: string, args: string): Promise<void> {
  if (!ctx.isPrivate) {
    const link = ctx.platform.deepLink(command);
    if (link) ctx.reply(common.continueInPrivate(command), [[{ kind: "url", label: common.openPrivateButton(), url: link }]]);
    else ctx.reply(common.continueInPrivateNoLink(command));
    return;
  }
  await ctx.services.flows!.start(ctx, flow, args, command);
}
