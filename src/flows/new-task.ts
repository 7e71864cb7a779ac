/**
 * /hanmoi: the office creates a reporting task step by step: title, description (or "Bỏ qua"), due date
 * ("31/5/2022", optionally with a time, default 17:00; or "5 ngày làm việc"), units (all, or chosen with
 * toggle buttons or typed names), optionally the recent notice it comes from, then a review with the reminder
 * plan. Everything is validated again by the core when the task is created.
 *
 * Periodic tasks (issue 17): at the due-date step the office may press Hằng tháng / Hằng quý / 6 tháng /
 * Hằng năm instead, then give the deadline's day and the end (or none); the review shows the next deadlines and
 * creating it opens the current period at once (core/tasks/series.ts).
 */
import { listUnits, type UnitRow } from "../db/units.js";
import { findCouncilById } from "../db/councils.js";
import { findNoticeInCouncil, recentNotices } from "../db/task-queries.js";
import { allUnitsOf, checkTitle, saveTask, validateNewTask, type NewTaskInput, type TaskError } from "../core/tasks/create-task.js";
import { taskPlanView } from "../core/tasks/plan-view.js";
import {
  parseUserDate,
  parseUserTime,
  atLocal,
  daysInMonth,
  localDateOf,
  localParts,
  type LocalDate,
  type LocalTime,
} from "../domain/time/vietnam-time.js";
import { formatDateTime, formatDeadline, formatLocalDateShort, formatRelativeDue } from "../domain/time/vietnamese-format.js";
import { parseRelativeDays, resolveRelativeDays } from "../domain/calendar/relative.js";
import type { Every } from "../domain/periods.js";
import { openSeriesPeriodsIn, saveSeries, validateSeries, type NewSeriesInput, type SeriesError } from "../core/tasks/series.js";
import { quietPolicyOf, workCalendarOf } from "../core/tasks/settings.js";
import { everyLabel, periodic, periodLabel, ruleText, type SeriesOnlyError } from "../i18n/vi/periodic.js";
import { joinHtml } from "../text/html.js";
import { tasks as t, pointLabel } from "../i18n/vi/tasks.js";
import { common } from "../i18n/vi/common.js";
import type { SafeHtml } from "../text/html.js";
import { applyUnitToggle, unitToggleChoices } from "./pick-unit.js";
import type { FlowContext, FlowDefinition, Prompt, PromptChoice, StepOutcome } from "./types.js";
import { clip } from "../text/graphemes.js";

export interface NewTaskData {
  title?: string;
  description?: string | null;
  dueDate?: LocalDate;
  dueTime?: LocalTime;
  all?: boolean;
  unitIds: number[];
  page: number;
  noticeId: number | null;
  /** a periodic task: the period, the deadline's day (and month for a yearly one), the last date or null */
  every?: Every | null;
  day?: number;
  month?: number | null;
  until?: LocalDate | null;
}

/** Notices published in the last this many days are offered to attach the task to. */
export const RECENT_NOTICE_DAYS = 90;

const CANCEL: PromptChoice = { label: t.cancel, value: "cancel", synonyms: ["huy"] };
const cancelled = (): StepOutcome<NewTaskData> => ({ kind: "end", messages: [common.cancelled()] });

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
const PERIODIC_CHOICES: PromptChoice[][] = [
  [
    { label: everyLabel.month, value: "every:month", synonyms: ["hang thang"] },
    { label: everyLabel.quarter, value: "every:quarter", synonyms: ["hang quy"] },
  ],
  [
    { label: everyLabel.half_year, value: "every:half_year", synonyms: ["6 thang"] },
    { label: everyLabel.year, value: "every:year", synonyms: ["hang nam"] },
  ],
];
const askDue = (data: NewTaskData, before?: SafeHtml[]) =>
  ask(
    "due",
    { ...data, every: null },
    { text: joinHtml([t.askDue(), periodic.askKind()], "\n\n"), choices: [...PERIODIC_CHOICES, [CANCEL]], acceptsText: true },
    before,
  );
// No buttons here: a typed "20" would otherwise be read as "the 20th button" (/huy still cancels).
const askDay = (data: NewTaskData, before?: SafeHtml[]) =>
  ask("period-day", data, { text: periodic.askDay(data.every!), acceptsText: true }, before);
const askUntil = (data: NewTaskData, before?: SafeHtml[]) =>
  ask(
    "period-until",
    data,
    {
      text: periodic.askUntil(),
      choices: [[{ label: periodic.noEnd, value: "no-end", synonyms: ["khong"] }], [CANCEL]],
      acceptsText: true,
    },
    before,
  );

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

/** The series input the core validates, from what the office answered. */
function seriesInput(ctx: FlowContext, data: NewTaskData): NewSeriesInput {
  return {
    councilId: ctx.actor!.councilId,
    title: data.title ?? "",
    description: data.description ?? null,
    every: data.every ?? "",
    day: data.day ?? 0,
    month: data.month ?? null,
    until: data.until ?? null,
    units: data.all ? "all" : { ids: data.unitIds },
    noticeId: data.noticeId,
  };
}

async function reviewPeriodic(ctx: FlowContext, data: NewTaskData): Promise<StepOutcome<NewTaskData>> {
  const tz = ctx.services.config.timezone;
  const units = await selectable(ctx);
  const chosen = data.all ? allUnitsOf(units) : units.filter((u) => data.unitIds.includes(u.id));
  const council = await findCouncilById(ctx.db.prisma, ctx.actor!.councilId);
  const checked = await validateSeries(ctx.db.prisma, seriesInput(ctx, data), {
    now: ctx.now,
    timezone: tz,
    calendar: workCalendarOf(council),
  });
  if (!checked.ok) return askUntil(data, checked.errors.map(seriesErrorText));
  const v = checked.value;
  const notice = data.noticeId !== null ? await findNoticeInCouncil(ctx.db.prisma, ctx.actor!.councilId, data.noticeId) : null;
  const first = v.upcoming[0]!;
  const firstDue = atLocal(first.dueDate, v.rule.dueTime, tz);
  const text = joinHtml([
    t.preview({
      title: v.title,
      description: v.description,
      deadline: `${periodLabel(first)}: ${formatDeadline(firstDue, tz)}`,
      relative: formatRelativeDue(ctx.now, firstDue, tz),
      units: { all: data.all === true, names: chosen.map((u) => u.name) },
      notice: notice ? t.noticeLabel(notice.id, notice.title) : null,
      plan: planText(ctx, firstDue, council?.settingsJson ?? "{}"),
    }),
    periodic.preview({
      rule: ruleText(v.rule),
      until: v.until ? formatLocalDateShort(v.until) : null,
      next: v.upcoming.map((p) => ({ label: periodLabel(p), due: formatLocalDateShort(p.dueDate) })),
      dayOff: null,
    }),
  ]);
  return ask("confirm", data, {
    text,
    choices: [[{ label: t.create, value: "create", synonyms: ["tao", "dong y", "gui"] }], [{ label: t.changeDue, value: "due" }], [CANCEL]],
  });
}

async function createPeriodic(ctx: FlowContext, data: NewTaskData): Promise<StepOutcome<NewTaskData>> {
  const tz = ctx.services.config.timezone;
  const actor = ctx.actor!;
  const council = await findCouncilById(ctx.db.prisma, actor.councilId);
  const checked = await validateSeries(ctx.db.prisma, seriesInput(ctx, data), {
    now: ctx.now,
    timezone: tz,
    calendar: workCalendarOf(council),
  });
  if (!checked.ok) return askUntil(data, checked.errors.map(seriesErrorText));
  const valid = checked.value;
  return {
    kind: "end",
    effect: async (tx) => {
      const series = await saveSeries(
        tx,
        valid,
        { memberId: actor.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` },
        ctx.now,
      );
      const opened = await openSeriesPeriodsIn(tx, series, council ?? { settingsJson: "{}" }, ctx.now, tz);
      const first = valid.upcoming[0]!;
      ctx.reply(
        periodic.created({
          id: series.id,
          title: series.title,
          rule: ruleText(valid.rule),
          first: opened[0]
            ? `${periodLabel(first)}, nhiệm vụ #${opened[0].taskId}, hạn ${formatDeadline(opened[0].dueAt, tz)}`
            : `${periodLabel(first)}, mở từ ${formatLocalDateShort(first.opensOn)}`,
          units: valid.units.length,
        }),
      );
    },
  };
}

const seriesErrorText = (e: SeriesError): SafeHtml =>
  SERIES_ONLY[e.code] ? periodic.error(e as SeriesOnlyError) : t.error(e as TaskError);
const SERIES_ONLY: Record<string, true> = {
  every: true,
  day: true,
  month: true,
  "until-date": true,
  "start-date": true,
  "until-before-start": true,
  "no-period": true,
};

async function review(ctx: FlowContext, data: NewTaskData): Promise<StepOutcome<NewTaskData>> {
  if (data.every) return reviewPeriodic(ctx, data);
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
  if (data.every) return createPeriodic(ctx, data);
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
        { now: ctx.now, timezone: tz, quiet: quietPolicyOf(ctx.services.config, council) },
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
        if (choice?.startsWith("every:")) return askDay({ ...data, every: choice.slice(6) as Every });
        if (text === null) return askDue(data);
        const relative = parseRelativeDays(text);
        const council = relative ? await findCouncilById(ctx.db.prisma, ctx.actor!.councilId) : null;
        const due = relative
          ? { ok: true as const, date: resolveRelativeDays(relative, localDateOf(ctx.now, tz), workCalendarOf(council)), time: "17:00" }
          : readDue(text, ctx.now, tz);
        if (!due.ok) return askDue(data, [due.message]);
        const dueAt = atLocal(due.date, due.time, tz);
        if (dueAt.getTime() <= ctx.now.getTime()) return askDue(data, [t.dueInPast(formatDeadline(dueAt, tz))]);
        const next = { ...data, dueDate: due.date, dueTime: due.time, every: null };
        // Changing the deadline from the review goes straight back to the review.
        if (data.all !== undefined && (data.all || data.unitIds.length > 0)) return review(ctx, next);
        return askUnitsMode(ctx, next);
      }
      case "period-day": {
        if (text === null) return askDay(data);
        if (data.every === "year") {
          const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(text);
          const d = m ? Number(m[1]) : NaN;
          const mo = m ? Number(m[2]) : NaN;
          if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(2024, mo)) return askDay(data, [periodic.badDayMonth(text)]);
          return askUntil({ ...data, day: d, month: mo });
        }
        const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
        if (!(n >= 1 && n <= 31)) return askDay(data, [periodic.badDay(text)]);
        return askUntil({ ...data, day: n, month: null });
      }
      case "period-until": {
        let until: LocalDate | null = null;
        if (choice !== "no-end") {
          if (text === null) return askUntil(data);
          const d = parseUserDate(text, { defaultYear: localParts(ctx.now, tz).year });
          if (!d.ok) return askUntil(data, [d.message]);
          if (d.value <= localDateOf(ctx.now, tz)) return askUntil(data, [periodic.untilBeforeStart()]);
          until = d.value;
        }
        const next = { ...data, until };
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
