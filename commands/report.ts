/** /baocao (alias /report): a unit's member submits a report, guided step by step. */
import type { CommandDefinition } from "../src/bot/commands.js";
import { startInPrivate } from "./private-flow.js";

export const reportCommand: CommandDefinition = {
  name: "baocao",
  aliases: ["report"],
  description: "Gửi báo cáo của đơn vị",
  audience: ["vice_chair", "delegate", "committee"],
  where: ["private", "group"],
  menu: true,
  flow: "report",
  deepLink: true,
  run: (ctx, args) => startInPrivate(ctx, "report", "baocao", args),
};
