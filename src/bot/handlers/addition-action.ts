/** The "➕ Bổ sung báo cáo này" button under a receipt ("bs:<submissionId>"): starts /bosung for that report. */
import type { ActionHandler } from "../actions.js";
import { common } from "../../i18n/vi/common.js";
import { additions } from "../../i18n/vi/additions.js";

export const additionActionHandler: ActionHandler = {
  prefix: "bs",
  async handle(ctx, args) {
    const id = /^\d+$/.test(args[0] ?? "") ? args[0]! : null;
    if (!ctx.actor?.unitId || id === null) return ctx.answer(additions.notYours().value, true);
    if (!ctx.isPrivate) return ctx.answer(common.privateOnly("bosung").value, true);
    ctx.answer(additions.button);
    await ctx.services.flows!.start(ctx, "addition", id, "bosung");
  },
};
