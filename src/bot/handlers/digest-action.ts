/** The button under /tonghop ("dg:docx"): the same digest as an official Word document, sent into the chat. */
import type { ActionHandler } from "../actions.js";
import { common, roleName } from "../../i18n/vi/common.js";
import { officialReport } from "../../i18n/vi/official-report.js";
import { tasks as t } from "../../i18n/vi/tasks.js";
import { buildDigest, onDemandPeriod } from "../../core/tasks/digest.js";
import { digestDocxMessage } from "../../core/tasks/digest-file.js";

export const DIGEST_DOCX_BUTTON = "dg:docx";

export const digestActionHandler: ActionHandler = {
  prefix: "dg",
  async handle(ctx, args) {
    const role = ctx.actor?.role;
    if (!ctx.actor || !(role === "standing" || role === "office" || role === "admin")) {
      return ctx.answer(common.notAllowed("tonghop", [roleName("standing"), roleName("office")]).value, true);
    }
    if (!ctx.isPrivate && ctx.chat.purpose !== "standing") return ctx.answer(t.digestOnlyHere().value, true);
    if (args[0] !== "docx") return ctx.answer(common.staleButton());
    const councilId = ctx.actor.councilId;
    const tz = ctx.services.config.timezone;
    const content = await buildDigest(ctx.db.prisma, councilId, {
      now: ctx.now,
      timezone: tz,
      kind: "on_demand",
      period: await onDemandPeriod(ctx.db.prisma, councilId, ctx.now),
    });
    ctx.answer(officialReport.sending);
    ctx.reply(await digestDocxMessage(ctx.db.prisma, councilId, content, ctx.services.config.dataDir));
  },
};
