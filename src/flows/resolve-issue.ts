/** After "Đã xử lý" on an urgent issue: the standing member types a short note (or none), then it closes. */
import { changeIssue } from "../core/issues/change-status.js";
import { issues } from "../i18n/vi/issues.js";
import { cleanText } from "../text/fold.js";
import type { FlowDefinition } from "./types.js";
import { cutText } from "../text/graphemes.js";

interface Data {
  issueId: number;
  receiptNo: string;
}

export const resolveIssueFlow: FlowDefinition<Data> = {
  name: "resolve-issue",
  title: issues.resolveTitle,
  privateOnly: false,
  async start(_ctx, args) {
    const [id, receiptNo] = args.split(" ");
    const data = { issueId: Number(id), receiptNo: receiptNo ?? "" };
    return {
      kind: "next",
      step: "note",
      data,
      prompt: { text: issues.askNote(data.receiptNo), choices: [[{ label: issues.noNote, value: "none" }]], acceptsText: true },
    };
  },
  async step(ctx, _step, data, input) {
    const note = input.type === "text" ? cutText(cleanText(input.text), 1000) : null;
    if (input.type !== "text" && !(input.type === "choice" && input.value === "none")) {
      return {
        kind: "next",
        step: "note",
        data,
        prompt: { text: issues.askNote(data.receiptNo), choices: [[{ label: issues.noNote, value: "none" }]], acceptsText: true },
      };
    }
    return {
      kind: "end",
      effect: async (tx) => {
        const result = await changeIssue(tx, {
          issueId: data.issueId,
          actor: ctx.actor!,
          change: { to: "resolved", note },
          now: ctx.now,
          timezone: ctx.services.config.timezone,
          eventKey: ctx.event.eventKey,
        });
        ctx.reply(
          result.ok
            ? issues.done("resolved", data.receiptNo)
            : result.reason === "same_status"
              ? issues.alreadyInStatus(result.status ?? "resolved")
              : result.reason === "not_allowed"
                ? issues.onlyStanding()
                : issues.notFound(),
        );
      },
    };
  },
};
