/** /vande (alias /issue): report an urgent or pressing local problem to the standing committee. */
import type { CommandDefinition } from "../src/bot/commands.js";
import { startInPrivate } from "./private-flow.js";

export const issueCommand: CommandDefinition = {
  name: "vande",
  aliases: ["issue"],
  description: "Báo cáo vấn đề nổi cộm, bức xúc",
  audience: ["vice_chair", "delegate", "committee", "office"],
  where: ["private", "group"],
  menu: true,
  flow: "issue",
  deepLink: true,
  run: (ctx, args) => startInPrivate(ctx, "issue", "vande", args),
};
