/** /huy (alias /cancel): abandon the guided step the person is in, at any step. */
import type { CommandDefinition } from "../src/bot/commands.js";
import { common } from "../src/i18n/vi/common.js";

export const cancelCommand: CommandDefinition = {
  name: "huy",
  aliases: ["cancel"],
  description: "Hủy thao tác đang thực hiện",
  audience: "everyone",
  where: ["private", "group"],
  menu: true,
  async run(ctx) {
    const cancelled = await ctx.services.flows!.cancel(ctx);
    ctx.reply(cancelled ? common.cancelled() : common.nothingToCancel());
  },
};
