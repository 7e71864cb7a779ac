/** /hanbaocao (alias /deadlines): the unit's open reporting tasks, their due dates, and what it has submitted. */
import type { CommandDefinition } from "../src/bot/commands.js";
import { openTasksForUnit } from "../src/db/tasks.js";
import { latestSubmissionsForUnit } from "../src/db/submissions.js";
import { reports } from "../src/i18n/vi/reports.js";
import { formatDeadline, formatRelativeDue, formatShortDateTime } from "../src/domain/time/vietnamese-format.js";
import { joinHtml } from "../src/text/html.js";

export const deadlinesCommand: CommandDefinition = {
  name: "hanbaocao",
  aliases: ["deadlines"],
  description: "Xem các hạn báo cáo của đơn vị",
  audience: ["vice_chair", "delegate", "committee"],
  where: ["private", "group"],
  groupPurposes: ["standing"],
  menu: true,
  async run(ctx) {
    const actor = ctx.actor!;
    if (!actor.unitId) return ctx.reply(reports.noUnit());
    const tz = ctx.services.config.timezone;
    const tasks = await openTasksForUnit(ctx.db, actor.unitId);
    if (tasks.length === 0) return ctx.reply(reports.deadlinesNone(actor.unitName ?? ""));
    const latest = await latestSubmissionsForUnit(
      ctx.db,
      actor.unitId,
      tasks.map((t) => t.id),
    );
    const lines = tasks.map((t) => {
      const s = latest.get(t.id);
      return reports.deadlineLine({
        title: t.title,
        due: formatDeadline(t.dueAt, tz),
        relative: formatRelativeDue(ctx.now, t.dueAt, tz),
        submitted: s
          ? `${s.receiptNo}, ${formatShortDateTime(s.submittedAt, tz)}${s.late ? " (trễ hạn)" : ""}${s.version > 1 ? `, lần ${s.version}` : ""}`
          : null,
      });
    });
    ctx.reply(joinHtml([reports.deadlinesTitle(actor.unitName ?? ""), ...lines, reports.deadlinesFooter()], "\n\n"));
  },
};
