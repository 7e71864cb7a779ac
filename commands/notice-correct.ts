/** /dinhchinh [số] (alias /correctnotice): the office sends a correction of a published notice. */
import { PERMISSIONS } from "../src/core/permissions.js";
import type { CommandDefinition } from "../src/bot/commands.js";

export const noticeCorrectCommand: CommandDefinition = {
  name: "dinhchinh",
  aliases: ["correctnotice"],
  description: "Đính chính thông báo đã phát hành (Văn phòng)",
  audience: PERMISSIONS.publishNotices,
  where: ["private"],
  menu: true,
  flow: "notice-correct",
  run: (ctx, args) => ctx.services.flows!.start(ctx, "notice-correct", args, "dinhchinh").then(() => undefined),
};
