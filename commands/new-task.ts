/** /hanmoi (alias /newtask): the office creates a reporting task, guided step by step (private chat). */
import { PERMISSIONS } from "../src/core/permissions.js";
import type { CommandDefinition } from "../src/bot/commands.js";

export const newTaskCommand: CommandDefinition = {
  name: "hanmoi",
  aliases: ["newtask"],
  description: "Tạo nhiệm vụ báo cáo, giao hạn cho các đơn vị (Văn phòng)",
  audience: PERMISSIONS.createTasks,
  where: ["private"],
  menu: true,
  flow: "new-task",
  run: (ctx, args) => ctx.services.flows!.start(ctx, "new-task", args, "hanmoi").then(() => undefined),
};
