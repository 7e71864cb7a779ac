/**
 * The "📝 Gửi báo cáo" button under a new task's announcement ("bc:<taskId>"): starts /baocao with that task
 * chosen. In a private chat the flow starts at once; in a group (reports are not written in front of everyone)
 * Telegram opens the private chat through the answer's link, which sends "/start baocao-<taskId>" there.
 */
import type { ActionHandler } from "../actions.js";
import { allows } from "../commands.js";
import { announce } from "../../i18n/vi/announce.js";
import { common } from "../../i18n/vi/common.js";
import { REPORT_TASK_PREFIX } from "../../core/tasks/announce.js";

const REPORT_COMMAND = "baocao";

export const reportActionHandler: ActionHandler = {
  prefix: REPORT_TASK_PREFIX,
  async handle(ctx, args) {
    const id = /^\d+$/.test(args[0] ?? "") ? args[0]! : null;
    if (id === null) return ctx.answer(common.staleButton());
    if (!ctx.actor) return ctx.answer(common.notLinkedShort(), true);
    const def = ctx.services.commands?.find(REPORT_COMMAND);
    if (!ctx.actor.unitId || (def && !allows(def.audience, ctx.actor.role))) return ctx.answer(announce.notForYou(), true);
    if (!ctx.isPrivate) {
      const link = ctx.platform.deepLink(`${REPORT_COMMAND}-${id}`);
      if (link) ctx.answer(announce.opening(), false, link);
      else ctx.answer(common.continueInPrivateNoLink(REPORT_COMMAND).value, true);
      return;
    }
    await ctx.services.flows!.start(ctx, "report", id, REPORT_COMMAND);
  },
};
