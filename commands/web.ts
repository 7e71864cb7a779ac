/** /web (alias /trangquantri): a one-time link to the office web console, for those who may use it. */
import type { CommandDefinition } from "../src/bot/commands.js";
import { PERMISSIONS } from "../src/core/permissions.js";
import { createLoginLink, LOGIN_LINK_MINUTES } from "../src/core/access/console-access.js";
import { consoleChat } from "../src/i18n/vi/console.js";

export const webCommand: CommandDefinition = {
  name: "web",
  aliases: ["trangquantri"],
  description: "Nhận đường dẫn đăng nhập trang quản trị",
  audience: PERMISSIONS.useConsole,
  where: ["private"],
  menu: true,
  async run(ctx) {
    const web = ctx.services.config.web;
    if (!web.enabled) return ctx.reply(consoleChat.disabled());
    const result = await createLoginLink(ctx.db, {
      memberId: ctx.actor!.memberId,
      councilId: ctx.actor!.councilId,
      via: ctx.event.user.platform,
      now: ctx.now,
    });
    if (!result.ok) return ctx.reply(consoleChat.refused());
    ctx.reply(consoleChat.link(`${web.publicUrl}/dang-nhap?t=${result.token}`, LOGIN_LINK_MINUTES, web.sessionHours));
  },
};
