/** The standing committee's buttons on an urgent issue: "is:ack:<id>", "is:asg:<id>", "is:to:<id>:<unit>", "is:res:<id>". */
import type { ActionHandler } from "../actions.js";
import { findIssue } from "../../db/issues.js";
import { listUnits } from "../../db/units.js";
import { issues as t } from "../../i18n/vi/issues.js";
import { canActOnIssues, changeIssue, type IssueChange } from "../../core/issues/change-status.js";
import { parseId } from "../../domain/ids.js";

export const issueActionHandler: ActionHandler = {
  prefix: "is",
  async handle(ctx, args) {
    const [verb, idText, extra] = args;
    const issueId = parseId(idText);
    if (!canActOnIssues(ctx.actor)) return ctx.answer(t.onlyStanding(), true);
    const issue = issueId !== null ? await findIssue(ctx.db.prisma, issueId) : null;
    if (!issue || issue.councilId !== ctx.actor!.councilId) return ctx.answer(t.notFound());
    if (issue.status === "resolved") return ctx.answer(t.alreadyInStatus("resolved"));
    const tz = ctx.services.config.timezone;
    const apply = async (change: IssueChange, committee: string | null = null) => {
      const result = await ctx.commit((tx) =>
        changeIssue(tx, { issueId: issue.id, actor: ctx.actor!, change, now: ctx.now, timezone: tz, eventKey: ctx.event.eventKey }),
      );
      ctx.answer(
        result.ok
          ? t.done(result.status, issue.receiptNo, committee)
          : result.reason === "same_status"
            ? t.alreadyInStatus(result.status ?? issue.status)
            : t.notFound(),
      );
    };
    switch (verb) {
      case "ack":
        return apply({ to: "acknowledged" });
      case "to": {
        const committeeId = parseId(extra) ?? 0;
        const committee = (await listUnits(ctx.db.prisma, issue.councilId, { kinds: ["committee"] })).find((u) => u.id === committeeId);
        return apply({ to: "assigned", committeeUnitId: committeeId }, committee?.name ?? null);
      }
      case "asg": {
        const committees = await listUnits(ctx.db.prisma, issue.councilId, { kinds: ["committee"], activeOnly: true });
        if (committees.length === 0) return ctx.answer(t.noCommittees(), true);
        ctx.answer(t.chooseCommitteeToast(issue.receiptNo));
        ctx.reply(
          t.chooseCommittee(issue.receiptNo),
          committees.map((c) => [{ kind: "action", label: c.name, data: `is:to:${issue.id}:${c.id}` }]),
        );
        return;
      }
      case "res":
        ctx.answer(t.noteToast(issue.receiptNo));
        await ctx.services.flows!.start(ctx as never, "resolve-issue", `${issue.id} ${issue.receiptNo}`, "vande");
        return;
      default:
        return ctx.answer(t.notFound());
    }
  },
};
