/** /bosung (alias /addreport): add text or files to a report already sent; it keeps its receipt number. */
import type { CommandDefinition } from "../src/bot/commands.js";
import { startInPrivate } from "./private-flow.js";

export const additionCommand: CommandDefinition = {
  name: "bosung",
  aliases: ["addreport"],
  description: "Bổ sung nội dung cho báo cáo đã gửi",
  audience: ["vice_chair", "delegate", "committee"],
  where: ["private", "group"],
  menu: true,
  flow: "addition",
  deepLink: true,
  run: (ctx, args) => startInPrivate(ctx, "addition", "bosung", args),
};
