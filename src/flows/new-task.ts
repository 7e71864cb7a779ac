/**
 * /hanmoi: the office creates a reporting task step by step: title, description (or "Bỏ qua"), due date
 * ("31/5/2022", optionally with a time, default 17:00), units (all, or chosen with toggle buttons or typed
 * names), optionally the recent notice it comes from, then a review with the reminder plan. Everything is
 * validated again by the core when the task is created.
 */
import { listUnits, type UnitRow } from "../db/units.js";
import { findCouncilById } from "../db/councils.js";
import { findNoticeInCouncil, recentNotices } from "../db/task-queries.js";
import { allUnitsOf, checkTitle, saveTask, validateNewTask, type NewTaskInput, type TaskError } from "../core/tasks/create-task.js";
import { taskPlanView } from "../core/tasks/plan-view.js";
import { parseUserDate, parseUserTime, atLocal, localParts, type LocalDate, type LocalTime } from "../domain/time/vietnam-time.js";
import { formatDateTime, formatDeadline, formatRelativeDue } from "../domain/time/vietnamese-format.js";
import { tasks as t, pointLabel } from "../i18n/vi/tasks.js";
import { common } from "../i18n/vi/common.js";
import type { SafeHtml } from "../text/html.js";
import { applyUnitToggle, unitToggleChoices } from "./pick-unit.js";
import type { FlowContext, FlowDefinition, Prompt, PromptChoice, StepOutcome } from "./types.js";

export interface NewTaskData {
  title?: string;
  description?: string | null;
  dueDate?: LocalDate;
  dueTime?: LocalTime;
  all?: boolean;
  unitIds: number[];
  page: number;
  noticeId: number | null;
}

/** Notices published in the last this many days are offered to attach the task to. */
export const RECENT_NOTICE_DAYS = 90;

const CANCEL: PromptChoice = { label: t.cancel, value: "cancel", synonyms: ["huy"] };
const cancelled = (): StepOutcome<NewTaskData> => ({ kind: "end", messages: [common.cancelled()] });
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

const ask = (step: string, data: NewTaskData, prompt: Prompt, before?: SafeHtml[]): StepOutcome<NewTaskData> => ({
  kind: "next",
  step,
  data,
  prompt,
  ...(before && before.length > 0 ? { before } : {}),
});

const askTitle = (data: NewTaskData, before?: SafeHtml[]) =>
  ask("title", data, { text: t.askTitle(), choices: [[CANCEL]], acceptsText: true }, before);
const askDescription = (data: NewTaskData) =>
  ask("description", data, {
    text: t.askDescription(),
    choices: [[{ label: t.skip, value: "skip", synonyms: ["bo qua", "khong"] }], [CANCEL]],
    acceptsText: true,
  });
const askDue = (data: NewTaskData, before?: SafeHtml[]) =>
  ask("due", data, { text: t.askDue(), choices: [[CANCEL]], acceptsText: true }, before);

/** Units that can be chosen: active units, the communes and wards first, committees last. */
async function selectable(ctx: FlowContext): Promise<UnitRow[]> {
  const units = await listUnits(ctx.db.prisma, ctx.actor!.councilId, { activeOnly: true });
  return [...units.filter((u) => u.kind !== "committee"), ...units.filter((u) => u.kind === "committee")];
}

async function askUnitsMode(ctx: FlowContext, data: NewTaskData): Promise<StepOutcome<NewTaskData>> {
  const all = allUnitsOf(await selectable(ctx));
  const choices: PromptChoice[][] = [
    [{ label: t.allUnits(all.length), value: "all", synonyms: ["tat ca"] }],
    [{ label: t.chooseUnits, value: "choose", synonyms: ["chon"] }],
    [CANCEL],
  ];
  return ask("units-mode", data, { text: t.askUnitsMode(), choices });
}

function askUnits(units: UnitRow[], data: NewTaskData, before?: SafeHtml[]): StepOutcome<NewTaskData> {
  const chosen = new Set(data.unitIds);
  const rows = unitToggleChoices(units, chosen, data.page, t.nextPage);
  rows.push([{ label: t.done(chosen.size), value: "done", synonyms: ["xong"] }], [CANCEL]);
  const names = units.filter((u) => chosen.has(u.id)).map((u) => u.name);
  return ask("units", data, { text: t.askUnits(names), choices: rows, acceptsText: true }, before);
}

async function askNoticeOrReview(ctx: FlowContext, data: NewTaskData): Promise<StepOutcome<NewTaskData>> {
  const notices = await recentNotices(ctx.db.prisma, ctx.actor!.councilId, new Date(ctx.now.getTime() - RECENT_NOTICE_DAYS * 86_400_000));
  if (notices.length === 0) return review(ctx, { ...data, noticeId: null });
  const choices: PromptChoice[][] = notices.map((n) => [{ label: clip(t.noticeLabel(n.id, n.title), 60), value: `n${n.id}` }]);
  choices.push([{ label: t.noNotice, value: "none", synonyms: ["khong"] }], [CANCEL]);
  return ask("notice", data, { text: t.askNotice(), choices });
}

/**
 * Reads "31/5/2022", "31/5/2022 10:00", "10h30 31/5/2022", "31/5 lúc 8 giờ sáng": a date, and a time
 * before or after it. When nothing reads, the date's own error (e.g. 30/02 does not exist) is returned.
 */
export function readDue(
  text: string,
  now: Date,
  tz: string,
): { ok: true; date: LocalDate; time: LocalTime } | { ok: false; message: SafeHtml } {
  const tokens = text
    .trim()
    .replace(/,/g, " ")
    .split(/\s+/)
    .filter((w) => !/^(lúc|luc|vào|vao|hạn|han)$/i.test(w));
  const year = localParts(now, tz).year;
  const date = (s: string) => parseUserDate(s, { defaultYear: year });
  let firstError: SafeHtml | null = null;
  for (let k = 0; k <= Math.min(4, tokens.length - 1); k++) {
    const splits =
      k === 0
        ? [[tokens.join(" "), null] as const]
        : [
            [tokens.slice(0, tokens.length - k).join(" "), tokens.slice(tokens.length - k).join(" ")] as const,
            [tokens.slice(k).join(" "), tokens.slice(0, k).join(" ")] as const,
          ];
    for (const [d, tm] of splits) {
      const dr = date(d);
      const tr = tm === null ? null : parseUserTime(tm);
      if (dr.ok && (tr === null || tr.ok)) return { ok: true, date: dr.value, time: tr?.ok ? tr.value : "17:00" };
      // The most telling error: the date's, when the rest reads as a time (or there is no rest).
      if (!dr.ok && (tr === null || tr.ok) && (firstError === null || dr.code === "does-not-exist")) firstError = dr.message;
    }
  }
  if (firstError) return { ok: false, message: firstError };
  const whole = date(text);
  return { ok: false, message: whole.ok ? t.askDue() : whole.message };
}

async function review(ctx: FlowContext, data: NewTaskData): Promise<StepOutcome<NewTaskData>> {
  const tz = ctx.services.config.timezone;
  const units = await selectable(ctx);
  const chosen = data.all ? allUnitsOf(units) : units.filter((u) => data.unitIds.includes(u.id));
  const dueAt = atLocal(data.dueDate!, data.dueTime!, tz);
  const council = await findCouncilById(ctx.db.prisma, ctx.actor!.councilId);
  const notice = data.noticeId !== null ? await findNoticeInCouncil(ctx.db.prisma, ctx.actor!.councilId, data.noticeId) : null;
  const text = t.preview({
    title: data.title!,
    description: data.description ?? null,
    deadline: formatDeadline(dueAt, tz),
    relative: formatRelativeDue(ctx.now, dueAt, tz),
    units: { all: data.all === true, names: chosen.map((u) => u.name) },
    notice: notice ? t.noticeLabel(notice.id, notice.title) : null,
    plan: planText(ctx, dueAt, council?.settingsJson ?? "{}"),
  });
  return ask("confirm", data, {
    text,
    choices: [[{ label: t.create, value: "create", synonyms: ["tao", "dong y", "gui"] }], [{ label: t.changeDue, value: "due" }], [CANCEL]],
  });
}

function planText(ctx: FlowContext, dueAt: Date, settingsJson: string): SafeHtml {
  const tz = ctx.services.config.timezone;
  const view = taskPlanView({ dueAt, override: null, council: { settingsJson }, config: ctx.services.config, now: ctx.now });
  return t.plan(
    view.points.map((p) => ({ label: pointLabel(p.point), when: formatDateTime(p.at, tz) })),
    view.escalationAt ? formatDateTime(view.escalationAt, tz) : null,
  );
}

async function create(ctx: FlowContext, data: NewTaskData): Promise<StepOutcome<NewTaskData>> {
  const tz = ctx.services.config.timezone;
  const actor = ctx.actor!;
  const input: NewTaskInput = {
    councilId: actor.councilId,
    title: data.title ?? "",
    description: data.description ?? null,
    dueDate: data.dueDate ?? "",
    dueTime: data.dueTime ?? null,
    units: data.all ? "all" : { ids: data.unitIds },
    noticeId: data.noticeId,
  };
  const checked = await validateNewTask(ctx.db.prisma, input, { now: ctx.now, timezone: tz });
  if (!checked.ok) return backTo(ctx, data, checked.errors);
  const valid = checked.value;
  const council = await findCouncilById(ctx.db.prisma, actor.councilId);
  return {
    kind: "end",
    effect: async (tx) => {
      const task = await saveTask(
        tx,
        valid,
        { memberId: actor.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` },
        ctx.now,
      );
      ctx.reply(t.created({ id: task.id, title: task.title, deadline: formatDeadline(task.dueAt, tz), units: valid.units.length }));
      ctx.reply(planText(ctx, task.dueAt, council?.settingsJson ?? "{}"));
    },
  };
}

/** A problem found at the last moment (the deadline passed while reviewing, a unit was closed): back to that step. */
async function backTo(ctx: FlowContext, data: NewTaskData, errors: TaskError[]): Promise<StepOutcome<NewTaskData>> {
  const messages = errors.map((e) => t.error(e));
  if (errors.some((e) => e.code === "title-missing" || e.code === "title-too-long")) return askTitle(data, messages);
  if (errors.some((e) => e.code.startsWith("due"))) return askDue(data, messages);
  if (errors.some((e) => e.code.endsWith("units"))) {
    const out = await askUnitsMode(ctx, { ...data, all: false, unitIds: [] });
    if (out.kind === "next") out.before = messages;
    return out;
  }
  return askNoticeOrReview(ctx, { ...data, noticeId: null });
}

export const newTaskFlow: FlowDefinition<NewTaskData> = {
  name: "new-task",
  title: t.flowTitle,
  privateOnly: true,
  async start() {
    return askTitle({ unitIds: [], page: 0, noticeId: null });
  },
  async step(ctx, step, data, input) {
    const tz = ctx.services.config.timezone;
    const choice = input.type === "choice" ? input.value : null;
    const text = input.type === "text" ? input.text.trim() : null;
    if (choice === "cancel") return cancelled();
    switch (step) {
      case "title": {
        if (text === null) return askTitle(data);
        const problem = checkTitle(text);
        if (problem) return askTitle(data, [t.error(problem)]);
        return askDescription({ ...data, title: text.replace(/\s+/g, " ") });
      }
      case "description": {
        if (choice === "skip") return askDue({ ...data, description: null });
        if (text === null || text === "") return askDescription(data);
        if (text.length > 4000)
          return { ...askDescription(data), before: [t.error({ code: "description-too-long", max: 4000, length: text.length })] };
        return askDue({ ...data, description: text });
      }
      case "due": {
        if (text === null) return askDue(data);
        const due = readDue(text, ctx.now, tz);
        if (!due.ok) return askDue(data, [due.message]);
        const dueAt = atLocal(due.date, due.time, tz);
        if (dueAt.getTime() <= ctx.now.getTime()) return askDue(data, [t.dueInPast(formatDeadline(dueAt, tz))]);
        const next = { ...data, dueDate: due.date, dueTime: due.time };
        // Changing the deadline from the review goes straight back to the review.
        if (data.all !== undefined && (data.all || data.unitIds.length > 0)) return review(ctx, next);
        return askUnitsMode(ctx, next);
      }
      case "units-mode": {
        if (choice === "all") return askNoticeOrReview(ctx, { ...data, all: true, unitIds: [] });
        if (choice === "choose") return askUnits(await selectable(ctx), { ...data, all: false, page: 0 });
        return askUnitsMode(ctx, data);
      }
      case "units": {
        const units = await selectable(ctx);
        if (choice === "done") {
          if (data.unitIds.length === 0) return askUnits(units, data, [t.noUnitChosen()]);
          return askNoticeOrReview(ctx, data);
        }
        const toggled = applyUnitToggle(
          units,
          data.unitIds,
          input.type === "text"
            ? { type: "text", text: input.text }
            : input.type === "choice"
              ? { type: "choice", value: input.value }
              : input,
        );
        if (toggled.kind === "page") return askUnits(units, { ...data, page: toggled.page });
        if (toggled.kind === "none") return askUnits(units, data);
        const problems = [
          ...toggled.notFound.map((x) => t.unitNotFound(x)),
          ...toggled.ambiguous.map((a) => t.unitAmbiguous(a.typed, a.names)),
        ];
        return askUnits(units, { ...data, unitIds: toggled.chosen }, problems);
      }
      case "notice": {
        if (choice === "none") return review(ctx, { ...data, noticeId: null });
        const id = choice && /^n\d+$/.test(choice) ? Number(choice.slice(1)) : null;
        if (id !== null) return review(ctx, { ...data, noticeId: id });
        return askNoticeOrReview(ctx, data);
      }
      case "confirm": {
        if (choice === "create") return create(ctx, data);
        if (choice === "due") return askDue(data);
        return review(ctx, data);
      }
    }
    return cancelled();
  },
};
