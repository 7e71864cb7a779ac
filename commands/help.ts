/** /trogiup (alias /help): the commands this person may use here. */
import type { CommandDefinition } from "../src/bot/commands.js";
import { linking } from "../src/i18n/vi/directory.js";
import { joinHtml } from "../src/text/html.js";
import { helpFor } from "./start.js";

export const helpCommand: CommandDefinition = {
  name: "trogiup",
  aliases: ["help"],
  description: "Xem hướng dẫn và các lệnh",
  audience: "everyone",
  where: ["private", "group"],
  menu: true,
  async run(ctx) {
    if (!ctx.actor) return ctx.reply(ctx.isPrivate ? linking.howToLink() : joinHtml([linking.howToLink()]));
    ctx.reply(helpFor(ctx, ctx.actor.role));
  },
};
