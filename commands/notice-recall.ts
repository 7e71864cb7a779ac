/** /thuhoi [số] (alias /recallnotice): the office recalls a published notice, with a reason. */
import { PERMISSIONS } from "../src/core/permissions.js";
import type { CommandDefinition } from "../src/bot/commands.js";

export const noticeRecallCommand: CommandDefinition = {
  name: "thuhoi",
  aliases: ["recallnotice"],
  description: "Thu hồi thông báo đã phát hành (Văn phòng)",
  audience: PERMISSIONS.publishNotices,
  where: ["private"],
  menu: true,
  flow: "notice-recall",
  run: (ctx, args) => ctx.services.flows!.start(ctx, "notice-recall", args, "thuhoi").then(() => undefined),
};
