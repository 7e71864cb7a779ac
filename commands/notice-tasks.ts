/** /thongbao_nhiemvu [số] (alias /noticetasks): the deadlines found in a published notice, created as tasks one by one. */
import { PERMISSIONS } from "../src/core/permissions.js";
import type { CommandDefinition } from "../src/bot/commands.js";

export const noticeTasksCommand: CommandDefinition = {
  name: "thongbao_nhiemvu",
  aliases: ["noticetasks"],
  description: "Tạo nhiệm vụ từ các yêu cầu báo cáo của thông báo (Văn phòng)",
  audience: PERMISSIONS.publishNotices,
  where: ["private"],
  menu: true,
  flow: "notice-tasks",
  run: (ctx, args) => ctx.services.flows!.start(ctx, "notice-tasks", args, "thongbao_nhiemvu").then(() => undefined),
};
