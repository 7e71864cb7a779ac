/** /thongbao (alias /notice): the office publishes a notice to the council's groups. */
import { PERMISSIONS } from "../src/core/permissions.js";
import type { CommandDefinition } from "../src/bot/commands.js";

export const noticeCommand: CommandDefinition = {
  name: "thongbao",
  aliases: ["notice"],
  description: "Phát hành thông báo đến các nhóm (Văn phòng)",
  audience: PERMISSIONS.publishNotices,
  where: ["private"],
  menu: true,
  flow: "publish-notice",
  run: (ctx, args) => ctx.services.flows!.start(ctx, "publish-notice", args, "thongbao").then(() => undefined),
};
