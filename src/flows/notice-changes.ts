/**
 * /dinhchinh and /thuhoi: the office corrects or recalls a published notice from private chat. The rules and
 * the sending are core's (core/notices/changes.ts); these steps only gather the notice, the change and the
 * reason, and show what will happen before it does.
 */
import { cutText } from "../text/graphemes.js";
import { deliveriesOf, findNotice, openNoticesOf } from "../db/notices.js";
import { correctNotice, MAX_CORRECTION_CHARS, recallNotice } from "../core/notices/changes.js";
import { noticeChanges as t } from "../i18n/vi/notice-changes.js";
import { common } from "../i18n/vi/common.js";
import { cleanText } from "../text/fold.js";
import type { FlowContext, FlowDefinition, PromptChoice, StepOutcome } from "./types.js";

interface Data {
  noticeId?: number;
  title?: string;
  what?: "title" | "text";
  newTitle?: string | null;
  text?: string | null;
  reason?: string | null;
}

const cancelRow: PromptChoice[] = [{ label: t.cancel, value: "cancel", synonyms: ["huy"] }];
const cancelled = (): StepOutcome<Data> => ({ kind: "end", messages: [common.cancelled()] });

/** Published notices still in force, newest first. */
const openNotices = (ctx: FlowContext) => openNoticesOf(ctx.db.prisma, ctx.actor!.councilId);

async function pickNotice(
  ctx: FlowContext,
  args: string,
  kind: "correct" | "recall",
  next: (data: Data) => Promise<StepOutcome<Data>>,
): Promise<StepOutcome<Data>> {
  const id = Number(args.trim().replace(/^#/, ""));
  if (args.trim() && Number.isInteger(id)) {
    const n = await findNotice(ctx.db.prisma, id);
    if (!n || n.councilId !== ctx.actor!.councilId || n.status !== "published") return { kind: "end", messages: [t.notFound(String(id))] };
    if (n.recalledAt) return { kind: "end", messages: [t.alreadyRecalled(id)] };
    return next({ noticeId: n.id, title: n.title });
  }
  const list = await openNotices(ctx);
  if (list.length === 0) return { kind: "end", messages: [t.noNotices()] };
  return {
    kind: "next",
    step: "pick",
    data: {},
    prompt: {
      text: t.chooseNotice(kind),
      choices: [...list.map((n) => [{ label: t.noticeLabel(n.id, n.title), value: `n${n.id}` }]), cancelRow],
    },
  };
}

async function chosen(ctx: FlowContext, value: string | null): Promise<Data | null> {
  const id = value && /^n\d+$/.test(value) ? Number(value.slice(1)) : null;
  if (id === null) return null;
  const n = await findNotice(ctx.db.prisma, id);
  return n && n.councilId === ctx.actor!.councilId && !n.recalledAt ? { noticeId: n.id, title: n.title } : null;
}

const groupCount = async (ctx: FlowContext, noticeId: number) =>
  (await deliveriesOf(ctx.db.prisma, noticeId)).filter((d) => d.status === "delivered" && d.chat.active).length;

const by = (ctx: FlowContext) => ({ memberId: ctx.actor!.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` });

// --- đính chính ---------------------------------------------------------------------------------------

const askWhat = async (data: Data): Promise<StepOutcome<Data>> => ({
  kind: "next",
  step: "what",
  data,
  prompt: {
    text: t.chooseWhat(data.title ?? ""),
    choices: [
      [{ label: t.whatTitle, value: "title", synonyms: ["tieu de"] }],
      [{ label: t.whatText, value: "text", synonyms: ["noi dung"] }],
      cancelRow,
    ],
  },
});

async function reviewCorrection(ctx: FlowContext, data: Data): Promise<StepOutcome<Data>> {
  return {
    kind: "next",
    step: "review",
    data,
    prompt: {
      text: t.reviewCorrection({
        title: data.title ?? "",
        newTitle: data.newTitle ?? null,
        text: data.text ?? null,
        reason: data.reason ?? null,
        groups: await groupCount(ctx, data.noticeId!),
      }),
      choices: [[{ label: t.sendCorrection, value: "send", synonyms: ["gui"] }], cancelRow],
    },
  };
}

export const correctNoticeFlow: FlowDefinition<Data> = {
  name: "notice-correct",
  title: t.correctTitle,
  privateOnly: true,
  start: (ctx, args) => pickNotice(ctx, args, "correct", askWhat),
  async step(ctx, step, data, input) {
    const choice = input.type === "choice" ? input.value : null;
    if (choice === "cancel") return cancelled();
    const typed = input.type === "text" ? input.text.trim() : "";
    switch (step) {
      case "pick": {
        const d = await chosen(ctx, choice);
        return d ? askWhat(d) : ((await correctNoticeFlow.start(ctx, "")) as StepOutcome<Data>);
      }
      case "what":
        if (choice !== "title" && choice !== "text") return askWhat(data);
        return {
          kind: "next",
          step: "change",
          data: { ...data, what: choice },
          prompt: { text: choice === "title" ? t.askNewTitle() : t.askText(), choices: [cancelRow], acceptsText: true },
        };
      case "change": {
        const limit = data.what === "title" ? 300 : MAX_CORRECTION_CHARS;
        if (!typed || typed.length > limit)
          return {
            kind: "next",
            step,
            data,
            prompt: {
              text: typed ? t.tooLong(limit) : data.what === "title" ? t.askNewTitle() : t.askText(),
              choices: [cancelRow],
              acceptsText: true,
            },
          };
        const next: Data =
          data.what === "title" ? { ...data, newTitle: cleanText(typed), text: null } : { ...data, text: typed, newTitle: null };
        return {
          kind: "next",
          step: "reason",
          data: next,
          prompt: { text: t.askReason("correct"), choices: [[{ label: t.noReason, value: "none" }], cancelRow], acceptsText: true },
        };
      }
      case "reason":
        return reviewCorrection(ctx, { ...data, reason: choice === "none" ? null : cutText(typed, 500) || null });
      case "review": {
        if (choice !== "send") return reviewCorrection(ctx, data);
        const tz = ctx.services.config.timezone;
        return {
          kind: "end",
          effect: async (tx) => {
            const r = await correctNotice(tx, {
              noticeId: data.noticeId!,
              councilId: ctx.actor!.councilId,
              newTitle: data.newTitle ?? null,
              text: data.text ?? null,
              reason: data.reason ?? null,
              by: by(ctx),
              now: ctx.now,
              timezone: tz,
            });
            ctx.reply(
              r.ok
                ? t.corrected(data.noticeId!, r.seq, r.groups)
                : r.reason === "recalled"
                  ? t.alreadyRecalled(data.noticeId!)
                  : r.reason === "no_groups"
                    ? t.noGroups(data.noticeId!)
                    : r.reason === "not_found"
                      ? t.notFound(String(data.noticeId))
                      : t.nothingToCorrect(),
            );
          },
        };
      }
    }
    return cancelled();
  },
};

// --- thu hồi ------------------------------------------------------------------------------------------

const askReason = async (data: Data): Promise<StepOutcome<Data>> => ({
  kind: "next",
  step: "reason",
  data,
  prompt: { text: t.askReason("recall"), choices: [cancelRow], acceptsText: true },
});

async function reviewRecall(ctx: FlowContext, data: Data): Promise<StepOutcome<Data>> {
  return {
    kind: "next",
    step: "review",
    data,
    prompt: {
      text: t.reviewRecall({ title: data.title ?? "", reason: data.reason ?? "", groups: await groupCount(ctx, data.noticeId!) }),
      choices: [[{ label: t.confirmRecall, value: "recall", synonyms: ["thu hoi"] }], cancelRow],
    },
  };
}

export const recallNoticeFlow: FlowDefinition<Data> = {
  name: "notice-recall",
  title: t.recallTitle,
  privateOnly: true,
  start: (ctx, args) => pickNotice(ctx, args, "recall", askReason),
  async step(ctx, step, data, input) {
    const choice = input.type === "choice" ? input.value : null;
    if (choice === "cancel") return cancelled();
    const typed = input.type === "text" ? input.text.trim() : "";
    switch (step) {
      case "pick": {
        const d = await chosen(ctx, choice);
        return d ? askReason(d) : ((await recallNoticeFlow.start(ctx, "")) as StepOutcome<Data>);
      }
      case "reason":
        if (!typed) return askReason(data);
        return reviewRecall(ctx, { ...data, reason: cutText(typed, 500) });
      case "review": {
        if (choice !== "recall") return reviewRecall(ctx, data);
        return {
          kind: "end",
          effect: async (tx) => {
            const r = await recallNotice(tx, {
              noticeId: data.noticeId!,
              councilId: ctx.actor!.councilId,
              reason: data.reason ?? "",
              by: by(ctx),
              now: ctx.now,
              timezone: ctx.services.config.timezone,
            });
            ctx.reply(
              r.ok
                ? t.recalled(data.noticeId!, r.groups, r.deleted)
                : r.reason === "recalled"
                  ? t.alreadyRecalled(data.noticeId!)
                  : r.reason === "no_reason"
                    ? t.reasonRequired()
                    : t.notFound(String(data.noticeId)),
            );
          },
        };
      }
    }
    return cancelled();
  },
};
