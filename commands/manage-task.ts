/** /nhiemvu (alias /tasks): the office extends, renames, closes or reopens a task, or ends a periodic series. */
import type { CommandDefinition } from "../src/bot/commands.js";

export const manageTaskCommand: CommandDefinition = {
  name: "nhiemvu",
  aliases: ["tasks"],
  description: "Gia hạn, đổi tên, đóng, mở lại nhiệm vụ báo cáo (Văn phòng)",
  audience: ["office"],
  where: ["private"],
  menu: true,
  flow: "manage-task",
  run: (ctx, args) => ctx.services.flows!.start(ctx, "manage-task", args, "nhiemvu").then(() => undefined),
};
