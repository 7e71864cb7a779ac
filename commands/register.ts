/** /dangky (alias /register): register the group this is typed in (office and admin only). */
import { PERMISSIONS } from "../src/core/permissions.js";
import type { CommandDefinition } from "../src/bot/commands.js";

export const registerCommand: CommandDefinition = {
  name: "dangky",
  aliases: ["register"],
  description: "Đăng ký nhóm với hệ thống (Văn phòng)",
  audience: PERMISSIONS.manageDirectory,
  where: ["group"],
  menu: false,
  flow: "register-group",
  async run(ctx, args) {
    await ctx.services.flows!.start(ctx, "register-group", args, "dangky");
  },
};
