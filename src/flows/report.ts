/**
 * /baocao: pick a reporting task (nearest due first) or "Báo cáo khác", send any number of texts, photos
 * and documents, review, then submit. A submission is stored as a new version with a receipt.
 */
import { openTasksForUnit } from "../db/tasks.js";
import { reports } from "../i18n/vi/reports.js";
import { common } from "../i18n/vi/common.js";
import { formatDayMonth, formatDateTime, formatDeadline } from "../domain/time/vietnamese-format.js";
import { submitReport } from "../core/reports/submit-report.js";
import { addToContent, contentBody, emptyContent, fileLabel, isEmpty, type Content } from "./collect-content.js";
import type { FlowContext, FlowDefinition, Prompt, PromptChoice, StepOutcome } from "./types.js";

interface Data {
  taskId: number | null;
  taskTitle: string;
  due: string | null;
  content: Content;
}

const OTHER = "other";
const contentChoices: PromptChoice[][] = [
  [
    { label: reports.preview, value: "preview", synonyms: ["xem lai", "xong"] },
    { label: reports.cancel, value: "cancel", synonyms: ["huy"] },
  ],
];
const editChoices: PromptChoice[][] = [
  [{ label: reports.preview, value: "preview", synonyms: ["xem lai", "xong"] }],
  [
    { label: reports.clear, value: "clear" },
    { label: reports.cancel, value: "cancel", synonyms: ["huy"] },
  ],
];
const reviewChoices: PromptChoice[][] = [
  [
    { label: reports.submit, value: "submit", synonyms: ["gui", "nop"] },
    { label: reports.edit, value: "edit", synonyms: ["sua"] },
    { label: reports.cancel, value: "cancel", synonyms: ["huy"] },
  ],
];

const contentPrompt = (text: Prompt["text"], choices = contentChoices): Prompt => ({ text, choices, acceptsText: true });

function askContent(data: Data): StepOutcome<Data> {
  return { kind: "next", step: "content", data, prompt: contentPrompt(reports.askContent(data.taskTitle)) };
}

function review(ctx: FlowContext, data: Data): StepOutcome<Data> {
  const body = contentBody(data.content);
  const shown = body.length > 3000 ? `${body.slice(0, 3000)}…` : body;
  const text = reports.previewText({
    unitName: ctx.actor!.unitName ?? "",
    taskTitle: data.taskTitle,
    due: data.due,
    body: shown,
    files: data.content.files.map(fileLabel),
    sender: ctx.actor!.fullName,
  });
  return { kind: "next", step: "review", data, prompt: { text, choices: reviewChoices } };
}

const cancelled = (): StepOutcome<Data> => ({ kind: "end", messages: [common.cancelled()] });

export const reportFlow: FlowDefinition<Data> = {
  name: "report",
  title: reports.title,
  privateOnly: true,
  async start(ctx) {
    const actor = ctx.actor!;
    if (!actor.unitId) return { kind: "end", messages: [reports.noUnit()] };
    const tz = ctx.services.config.timezone;
    const tasks = await openTasksForUnit(ctx.db.prisma, actor.unitId);
    if (tasks.length === 0) {
      return {
        kind: "next",
        step: "content",
        data: { taskId: null, taskTitle: reports.otherReportName, due: null, content: emptyContent() },
        before: [reports.noOpenTasks(actor.unitName ?? "")],
        prompt: contentPrompt(reports.askContent(reports.otherReportName)),
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
      prompt: { text: reports.chooseTask(actor.unitName ?? ""), choices },
    };
  },
  async step(ctx, step, data, input) {
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
        return askContent({ ...data, taskId: task.id, taskTitle: task.title, due: formatDeadline(task.dueAt, tz) });
      }
      case "content":
      case "edit": {
        const choicesHere = step === "edit" ? editChoices : contentChoices;
        if (choice === "preview") {
          if (isEmpty(data.content)) return { kind: "next", step, data, prompt: contentPrompt(reports.empty(), choicesHere) };
          return review(ctx, data);
        }
        if (choice === "clear")
          return { kind: "next", step: "content", data: { ...data, content: emptyContent() }, prompt: contentPrompt(reports.cleared()) };
        const added = addToContent(ctx, data.content, input);
        return { kind: "next", step, data: { ...data, content: added.content }, prompt: contentPrompt(added.message, choicesHere) };
      }
      case "review":
      case "closed": {
        if (choice === "edit") return { kind: "next", step: "edit", data, prompt: contentPrompt(reports.editPrompt(), editChoices) };
        if (choice === "submit" || choice === "submit-other") {
          const target = choice === "submit-other" ? { ...data, taskId: null, taskTitle: reports.otherReportName, due: null } : data;
          return submit(ctx, target, tz);
        }
        return step === "review" ? review(ctx, data) : { kind: "next", step, data, prompt: closedPrompt(data) };
      }
    }
    return cancelled();
  },
};

const closedPrompt = (data: Data): Prompt => ({
  text: reports.taskClosed(data.taskTitle),
  choices: [[{ label: reports.submitAsOther, value: "submit-other" }], [{ label: reports.cancel, value: "cancel", synonyms: ["huy"] }]],
});

async function submit(ctx: FlowContext, data: Data, tz: string): Promise<StepOutcome<Data>> {
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
        actorLabel: `${ctx.event.user.platform}:${ctx.event.user.id}`,
      });
      if (!result.ok) throw new Error(`report refused at commit: ${result.reason}`);
      ctx.reply(
        reports.receipt({
          receiptNo: result.receiptNo,
          at: formatDateTime(ctx.now, tz),
          status: result.status,
          lateBy: result.lateDays > 0 ? `${result.lateDays} ngày` : null,
          version: result.version,
          taskTitle: result.taskTitle,
        }),
      );
      if (result.standingChats === 0) ctx.reply(reports.noStandingGroup());
    },
  };
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
