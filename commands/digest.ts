/**
 * /tonghop (alias /digest): the standing committee's digest, now: who has reported on each open task, who
 * is late or missing, new reports since the last digest, urgent issues, notices not acknowledged.
 * In private chat, or in the standing committee's own group (never in a unit's group).
 */
import type { CommandDefinition } from "../src/bot/commands.js";
import { onDemandDigest } from "../src/core/tasks/digest.js";
import { tasks as t } from "../src/i18n/vi/tasks.js";
import { officialReport } from "../src/i18n/vi/official-report.js";
import { DIGEST_DOCX_BUTTON } from "../src/bot/handlers/digest-action.js";
import { digestTableMessage } from "../src/core/tasks/digest-file.js";

export const digestCommand: CommandDefinition = {
  name: "tonghop",
  aliases: ["digest"],
  description: "Xem tổng hợp tình hình báo cáo, vấn đề nổi cộm",
  audience: ["standing", "office"],
  where: ["private", "group"],
  menu: true,
  async run(ctx) {
    if (!ctx.isPrivate && (ctx.chat.purpose !== "standing" || ctx.chat.councilId !== ctx.actor!.councilId))
      return ctx.reply(t.digestOnlyHere());
    const { config } = ctx.services;
    const councilId = ctx.actor!.councilId;
    const { content, messages } = await onDemandDigest(ctx.db.prisma, councilId, ctx.now, config.timezone, config.schedule.digestMaxUnits);
    // The last part carries the button for the same digest as an official Word document.
    for (const [i, m] of messages.entries())
      ctx.reply(m, i === messages.length - 1 ? [[{ kind: "action", label: officialReport.button, data: DIGEST_DOCX_BUTTON }]] : undefined);
    // A large council's digest names no unit per task: the full table follows as a spreadsheet.
    if (content.summary) ctx.reply(await digestTableMessage(ctx.db.prisma, councilId, content, config.dataDir));
  },
};
