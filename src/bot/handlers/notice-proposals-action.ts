/** The "Xem N yêu cầu báo cáo" button under a notice's delivery summary ("np:<noticeId>"): opens /thongbao_nhiemvu for it. */
import type { ActionHandler } from "../actions.js";
import { common } from "../../i18n/vi/common.js";
import { noticeTasks } from "../../i18n/vi/notices.js";
import { PERMISSIONS } from "../../core/permissions.js";
import { allows } from "../commands.js";

export const noticeProposalsActionHandler: ActionHandler = {
  prefix: "np",
  async handle(ctx, args) {
    const id = /^\d+$/.test(args[0] ?? "") ? args[0]! : null;
    if (id === null) return ctx.answer(common.staleButton());
    if (!allows(PERMISSIONS.publishNotices, ctx.actor?.role ?? null)) return ctx.answer(noticeTasks.officeOnly(), true);
    if (!ctx.isPrivate) return ctx.answer(common.privateOnly(noticeTasks.command).value, true);
    ctx.answer(noticeTasks.viewToast);
    await ctx.services.flows!.start(ctx, "notice-tasks", id, noticeTasks.command);
  },
};
