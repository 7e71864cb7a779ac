/**
 * /baocao: pick a reporting task (nearest due first) or "Báo cáo khác", send any number of texts, photos
 * and documents, review, then submit. A submission is stored as a new version with a receipt.
 *
 * Issue 17: on a task the unit can answer "Không phát sinh" in one step (an optional note typed instead of
 * pressing); choosing a task the unit already reported on offers to add to that report (bổ sung, same receipt)
 * or to send a replacement, and says plainly that a replacement replaces the whole report. The receipt carries
 * a button to add to it. /bosung (the "addition" flow below) shares these steps.
 */
import { openTasksForUnit } from "../db/tasks.js";
import { latestSubmissionOf, recentReportsOfUnit } from "../db/submissions.js";
import { reports } from "../i18n/vi/reports.js";
import { additions, nothingToReport } from "../i18n/vi/additions.js";
import { common } from "../i18n/vi/common.js";
import { announce } from "../i18n/vi/announce.js";
import { formatDayMonth, formatDateTime, formatDeadline, formatShortDateTime } from "../domain/time/vietnamese-format.js";
import { submitReport } from "../core/reports/submit-report.js";
import { addToReport, reportToComplete } from "../core/reports/add-to-report.js";
import { joinHtml, type SafeHtml } from "../text/html.js";
import { addToContent } from "./collect-content.js";
import { contentBody, emptyContent, fileLabel, isEmpty, type Content } from "../core/content.js";
import type { FlowContext, FlowDefinition, Prompt, PromptChoice, StepOutcome } from "./types.js";
import { clip, clipAfter, cutText } from "../text/graphemes.js";
import { parseId } from "../domain/ids.js";

interface Data {
  taskId: number | null;
  taskTitle: string;
  due: string | null;
  content: Content;
  /** adding to a report already sent */
  addTo?: { submissionId: number; receiptNo: string } | null;
  /** the receipt of the report a new version replaces */
  replaces?: string | null;
}

const OTHER = "other";
/** The button data under a receipt that starts an addition to that report. */
export const ADD_BUTTON_PREFIX = "bs";
/** Reports sent in the last this many days can be completed with /bosung. */
export const ADDITION_WINDOW_DAYS = 90;

const CANCEL: PromptChoice = { label: reports.cancel, value: "cancel", synonyms: ["huy"] };
const NOTHING: PromptChoice = { label: nothingToReport.button, value: "nothing", synonyms: ["khong phat sinh", "kps"] };

function contentChoices(data: Data, step: "content" | "edit"): PromptChoice[][] {
  const preview: PromptChoice = { label: reports.preview, value: "preview", synonyms: ["xem lai", "xong"] };
  const rows: PromptChoice[][] = step === "edit" ? [[preview], [{ label: reports.clear, value: "clear" }, CANCEL]] : [[preview, CANCEL]];
  // "Không phát sinh" answers a task; it is neither an addition nor a report outside any task.
  if (data.taskId !== null && !data.addTo) rows.push([NOTHING]);
  return rows;
}

const reviewChoices: PromptChoice[][] = [
  [{ label: reports.submit, value: "submit", synonyms: ["gui", "nop"] }, { label: reports.edit, value: "edit", synonyms: ["sua"] }, CANCEL],
];

const contentPrompt = (text: Prompt["text"], data: Data, step: "content" | "edit" = "content"): Prompt => ({
  text,
  choices: contentChoices(data, step),
  acceptsText: true,
});

function askContent(data: Data, before?: SafeHtml[]): StepOutcome<Data> {
  const text = data.addTo ? additions.askContent(data.addTo.receiptNo, data.taskTitle) : reports.askContent(data.taskTitle);
  return {
    kind: "next",
    step: "content",
    data,
    prompt: contentPrompt(text, data),
    ...(before && before.length > 0 ? { before } : {}),
  };
}

function review(ctx: FlowContext, data: Data): StepOutcome<Data> {
  const body = contentBody(data.content);
  const shown = clipAfter(body, 3000);
  const files = data.content.files.map(fileLabel);
  const text = data.addTo
    ? additions.preview({ receiptNo: data.addTo.receiptNo, taskTitle: data.taskTitle, body: shown, files })
    : reports.previewText({
        unitName: ctx.actor!.unitName ?? "",
        taskTitle: data.taskTitle,
        due: data.due,
        body: shown,
        files,
        sender: ctx.actor!.fullName,
      });
  return {
    kind: "next",
    step: "review",
    data,
    prompt: { text: data.replaces ? joinHtml([additions.replacing(data.replaces), text], "\n\n") : text, choices: reviewChoices },
  };
}

const cancelled = (): StepOutcome<Data> => ({ kind: "end", messages: [common.cancelled()] });

const nothingPrompt = (data: Data): Prompt => ({
  text: nothingToReport.confirm(data.taskTitle),
  choices: [[{ label: nothingToReport.send, value: "send-nothing", synonyms: ["gui"] }], [{ label: nothingToReport.back, value: "back" }]],
  acceptsText: true,
});

/** Starts an addition to a report of the actor's unit (by id), or says it cannot. */
async function startAddition(ctx: FlowContext, submissionId: number): Promise<StepOutcome<Data>> {
  const s = await reportToComplete(ctx.db.prisma, ctx.actor!, submissionId);
  if (!s) return { kind: "end", messages: [additions.notYours()] };
  return askContent({
    taskId: s.taskId,
    taskTitle: s.task?.title ?? reports.otherReportName,
    due: null,
    content: emptyContent(),
    addTo: { submissionId: s.id, receiptNo: s.receiptNo },
  });
}

async function step(
  ctx: FlowContext,
  step: string,
  data: Data,
  input: Parameters<FlowDefinition<Data>["step"]>[3],
): Promise<StepOutcome<Data>> {
  const tz = ctx.services.config.timezone;
  const choice = input.type === "choice" ? input.value : null;
  if (choice === "cancel") return cancelled();
  switch (step) {
    case "task": {
      if (choice === OTHER) return askContent({ ...data, taskId: null, taskTitle: reports.otherReportName, due: null });
      const id = choice && /^t\d+$/.test(choice) ? Number(choice.slice(1)) : null;
      const task = id !== null ? (await openTasksForUnit(ctx.db.prisma, ctx.actor!.unitId!)).find((t) => t.id === id) : undefined;
      if (!task) {
        // The task closed between the list and the press: show the current list.
        const fresh = await reportFlow.start(ctx, "");
        if (fresh.kind === "next") fresh.before = [reports.taskNoLongerOpen(), ...(fresh.before ?? [])];
        return fresh;
      }
      const next: Data = { ...data, taskId: task.id, taskTitle: task.title, due: formatDeadline(task.dueAt, tz) };
      const earlier = await latestSubmissionOf(ctx.db.prisma, task.id, ctx.actor!.unitId!);
      if (earlier) {
        return {
          kind: "next",
          step: "already",
          data: { ...next, addTo: null, replaces: earlier.receiptNo },
          prompt: {
            text: additions.alreadySent({
              receiptNo: earlier.receiptNo,
              at: formatShortDateTime(earlier.submittedAt, tz),
              nothing: earlier.kind === "nothing",
            }),
            choices: [
              [{ label: additions.addInstead, value: `add${earlier.id}`, synonyms: ["bo sung"] }],
              [{ label: additions.replace, value: "replace", synonyms: ["thay the"] }],
              [CANCEL],
            ],
          },
        };
      }
      return askContent(next);
    }
    case "already": {
      if (choice === "replace") return askContent(data, [additions.replacing(data.replaces ?? "")]);
      const add = choice && /^add\d+$/.test(choice) ? Number(choice.slice(3)) : null;
      if (add !== null) return startAddition(ctx, add);
      return cancelled();
    }
    case "pick-report": {
      const id = choice && /^s\d+$/.test(choice) ? Number(choice.slice(1)) : null;
      if (id !== null) return startAddition(ctx, id);
      return additionFlow.start(ctx, "");
    }
    case "content":
    case "edit": {
      if (choice === "preview") {
        if (isEmpty(data.content)) return { kind: "next", step, data, prompt: contentPrompt(reports.empty(), data, step) };
        return review(ctx, data);
      }
      if (choice === "nothing" && data.taskId !== null && !data.addTo)
        return { kind: "next", step: "nothing", data, prompt: nothingPrompt(data) };
      if (choice === "clear")
        return {
          kind: "next",
          step: "content",
          data: { ...data, content: emptyContent() },
          prompt: contentPrompt(reports.cleared(), data),
        };
      const added = addToContent(ctx, data.content, input);
      return { kind: "next", step, data: { ...data, content: added.content }, prompt: contentPrompt(added.message, data, step) };
    }
    case "nothing": {
      if (choice === "back") return askContent(data);
      if (choice === "send-nothing") return submit(ctx, { ...data, content: emptyContent() }, tz, "nothing");
      if (input.type === "text" && input.text.trim() !== "")
        return submit(ctx, { ...data, content: { texts: [cutText(input.text.trim(), 1000)], files: [] } }, tz, "nothing");
      return { kind: "next", step: "nothing", data, prompt: nothingPrompt(data) };
    }
    case "review":
    case "closed": {
      if (choice === "edit") return { kind: "next", step: "edit", data, prompt: contentPrompt(reports.editPrompt(), data, "edit") };
      if (choice === "submit" || choice === "submit-other") {
        const target = choice === "submit-other" ? { ...data, taskId: null, taskTitle: reports.otherReportName, due: null } : data;
        return submit(ctx, target, tz, "report");
      }
      return step === "review" ? review(ctx, data) : { kind: "next", step, data, prompt: closedPrompt(data) };
    }
  }
  return cancelled();
}

export const reportFlow: FlowDefinition<Data> = {
  name: "report",
  title: reports.title,
  privateOnly: true,
  async start(ctx, args) {
    const actor = ctx.actor!;
    if (!actor.unitId) return { kind: "end", messages: [reports.noUnit()] };
    const tz = ctx.services.config.timezone;
    const tasks = await openTasksForUnit(ctx.db.prisma, actor.unitId);
    // From a new task's "Gửi báo cáo" button (args = its id): straight to that task, as if chosen from the list.
    const preselected = /^\d+$/.test(args.trim()) ? tasks.find((t) => t.id === Number(args.trim())) : undefined;
    if (preselected)
      return step(
        ctx,
        "task",
        { taskId: null, taskTitle: "", due: null, content: emptyContent() },
        { type: "choice", value: `t${preselected.id}` },
      );
    const gone = /^\d+$/.test(args.trim()) ? [announce.taskGone()] : [];
    if (tasks.length === 0) {
      const data: Data = { taskId: null, taskTitle: reports.otherReportName, due: null, content: emptyContent() };
      return {
        kind: "next",
        step: "content",
        data,
        before: [...gone, reports.noOpenTasks(actor.unitName ?? "")],
        prompt: contentPrompt(reports.askContent(reports.otherReportName), data),
      };
    }
    const choices: PromptChoice[][] = tasks
      .slice(0, 20)
      .map((t) => [{ label: clip(reports.taskLabel(t.title, formatDayMonth(t.dueAt, tz)), 60), value: `t${t.id}` }]);
    choices.push([{ label: reports.otherReport, value: OTHER, synonyms: ["khac"] }]);
    return {
      kind: "next",
      step: "task",
      data: { taskId: null, taskTitle: "", due: null, content: emptyContent() },
      ...(gone.length > 0 ? { before: gone } : {}),
      prompt: { text: reports.chooseTask(actor.unitName ?? ""), choices },
    };
  },
  step,
};

/** /bosung: choose a report the unit sent (or come from the receipt's button with its id), then add to it. */
export const additionFlow: FlowDefinition<Data> = {
  name: "addition",
  title: additions.flowTitle,
  privateOnly: true,
  async start(ctx, args) {
    const actor = ctx.actor!;
    if (!actor.unitId) return { kind: "end", messages: [reports.noUnit()] };
    const id = parseId(args);
    if (id !== null) return startAddition(ctx, id);
    const recent = await recentReportsOfUnit(ctx.db.prisma, actor.unitId, new Date(ctx.now.getTime() - ADDITION_WINDOW_DAYS * 86_400_000));
    if (recent.length === 0) return { kind: "end", messages: [additions.none(actor.unitName ?? "")] };
    const choices: PromptChoice[][] = recent.map((r) => [
      { label: clip(additions.choice(r.receiptNo, r.task?.title ?? reports.otherReportName), 60), value: `s${r.id}` },
    ]);
    choices.push([CANCEL]);
    return {
      kind: "next",
      step: "pick-report",
      data: { taskId: null, taskTitle: "", due: null, content: emptyContent() },
      prompt: { text: additions.choose(actor.unitName ?? ""), choices },
    };
  },
  step,
};

const closedPrompt = (data: Data): Prompt => ({
  text: reports.taskClosed(data.taskTitle),
  choices: [[{ label: reports.submitAsOther, value: "submit-other" }], [CANCEL]],
});

async function submit(ctx: FlowContext, data: Data, tz: string, kind: "report" | "nothing"): Promise<StepOutcome<Data>> {
  const actorLabel = `${ctx.event.user.platform}:${ctx.event.user.id}`;
  if (data.addTo) {
    const addTo = data.addTo;
    return {
      kind: "end",
      effect: async (tx) => {
        const result = await addToReport(tx, {
          actor: ctx.actor!,
          submissionId: addTo.submissionId,
          content: data.content,
          now: ctx.now,
          timezone: tz,
          actorLabel,
        });
        if (!result.ok) throw new Error(`addition refused at commit: ${result.reason}`);
        ctx.reply(
          additions.receipt({
            receiptNo: result.receiptNo,
            seq: result.seq,
            at: formatDateTime(ctx.now, tz),
            late: result.late,
            originalLate: result.originalLate,
            taskTitle: result.taskTitle,
          }),
          [[{ kind: "action", label: additions.button, data: `${ADD_BUTTON_PREFIX}:${addTo.submissionId}` }]],
        );
        if (result.standingChats === 0) ctx.reply(reports.noStandingGroup());
      },
    };
  }
  // Checked again inside the transaction; this early look lets the person choose before anything is written.
  if (data.taskId !== null && !(await openTasksForUnit(ctx.db.prisma, ctx.actor!.unitId!)).some((t) => t.id === data.taskId)) {
    return { kind: "next", step: "closed", data, prompt: closedPrompt(data) };
  }
  return {
    kind: "end",
    effect: async (tx) => {
      const result = await submitReport(tx, {
        actor: ctx.actor!,
        taskId: data.taskId,
        content: data.content,
        now: ctx.now,
        timezone: tz,
        actorLabel,
        kind,
      });
      if (!result.ok) throw new Error(`report refused at commit: ${result.reason}`);
      const addButton = [[{ kind: "action" as const, label: additions.button, data: `${ADD_BUTTON_PREFIX}:${result.submissionId}` }]];
      if (kind === "nothing") {
        ctx.reply(
          nothingToReport.receipt({
            receiptNo: result.receiptNo,
            at: formatDateTime(ctx.now, tz),
            status: result.status,
            taskTitle: result.taskTitle,
            note: contentBody(data.content) || null,
          }),
        );
      } else {
        const receipt = reports.receipt({
          receiptNo: result.receiptNo,
          at: formatDateTime(ctx.now, tz),
          status: result.status,
          lateBy: result.lateDays > 0 ? `${result.lateDays} ngày` : null,
          version: result.version,
          taskTitle: result.taskTitle,
        });
        ctx.reply(result.replaces ? joinHtml([receipt, additions.replacedNote(result.replaces)]) : receipt, addButton);
      }
      if (result.standingChats === 0) ctx.reply(reports.noStandingGroup());
    },
  };
}
