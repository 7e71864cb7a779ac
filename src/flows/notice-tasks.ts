/**
 * The steps that follow publishing a notice whose text holds deadlines: each reporting requirement the
 * parser found is shown with its quote, due date and units; the office creates it as a task (with
 * reminders), edits the date or the units, or skips it.
 */
import { listUnits } from "../db/units.js";
import { noticeTasks as t } from "../i18n/vi/notices.js";
import { tasks as taskTexts } from "../i18n/vi/tasks.js";
import { formatLocalDateShort, formatDeadline } from "../domain/time/vietnamese-format.js";
import { parseDue, saveTask, validateNewTask, allUnitsOf } from "../core/tasks/create-task.js";
import type { TaskProposal } from "../core/notices/proposed-tasks.js";
import { joinHtml, type SafeHtml } from "../text/html.js";
import { findCouncilById } from "../db/councils.js";
import { openSeriesPeriodsIn, saveSeries, validateSeries } from "../core/tasks/series.js";
import { quietPolicyOf, workCalendarOf } from "../core/tasks/settings.js";
import type { TaskError } from "../core/tasks/create-task.js";
import { periodic as periodicTexts, periodLabel, ruleText, type SeriesOnlyError } from "../i18n/vi/periodic.js";
import { applyUnitToggle, unitToggleChoices } from "./pick-unit.js";
import type { FlowContext, FlowInput, Prompt, PromptChoice, StepOutcome } from "./types.js";

export interface ProposalState {
  noticeId?: number;
  proposals: TaskProposal[];
  index: number;
  created: number;
  page?: number;
}

const choices = (): PromptChoice[][] => [
  [{ label: t.create, value: "create", synonyms: ["tao"] }],
  [
    { label: t.editDue, value: "due", synonyms: ["sua han"] },
    { label: t.editUnits, value: "units", synonyms: ["sua don vi"] },
  ],
  [{ label: t.skip, value: "skip", synonyms: ["bo qua"] }],
];

async function unitsLabel(ctx: FlowContext, p: TaskProposal): Promise<string> {
  if (p.unitIds.length === 0) return t.unitsNone;
  const all = allUnitsOf(await listUnits(ctx.db.prisma, ctx.actor!.councilId));
  if (p.allUnits || p.unitIds.length === all.length) return t.unitsAll(p.unitIds.length);
  return all
    .filter((u) => p.unitIds.includes(u.id))
    .map((u) => u.name)
    .join(", ");
}

export async function proposalPrompt<D extends ProposalState>(
  ctx: FlowContext,
  data: D,
  before: (SafeHtml | string)[] = [],
): Promise<StepOutcome<D>> {
  const p = data.proposals[data.index]!;
  const proposal = t.proposal({
    index: data.index + 1,
    total: data.proposals.length,
    quote: p.quote,
    assignee: p.assignee,
    units: await unitsLabel(ctx, p),
    due: p.due ? formatLocalDateShort(p.due) : null,
    reading: p.dueReading,
    recurrence: p.recurrence,
  });
  // A recurring requirement is created as a periodic task: say which rule.
  const text = p.periodic && !p.due ? joinHtml([proposal, periodicTexts.proposal(ruleText({ ...p.periodic }))]) : proposal;
  const prompt: Prompt = { text: before.length > 0 ? joinHtml([...before, text], "\n\n") : text, choices: choices() };
  return { kind: "next", step: "task", data, prompt };
}

/** The next proposal (or the end), with `note` said first. */
async function advance<D extends ProposalState>(ctx: FlowContext, data: D, note: SafeHtml): Promise<StepOutcome<D>> {
  const next = { ...data, index: data.index + 1, page: 0 };
  if (next.index >= data.proposals.length) return { kind: "end", messages: [note, t.finished(next.created, data.proposals.length)] };
  const outcome = await proposalPrompt(ctx, next);
  if (outcome.kind === "next") outcome.before = [note];
  return outcome;
}

async function unitToggles<D extends ProposalState>(ctx: FlowContext, data: D, before: SafeHtml[] = []): Promise<StepOutcome<D>> {
  const units = allUnitsOf(await listUnits(ctx.db.prisma, ctx.actor!.councilId));
  const chosen = new Set(data.proposals[data.index]!.unitIds);
  const rows: PromptChoice[][] = [
    [{ label: taskTexts.allUnits(units.length), value: "all" }],
    ...unitToggleChoices(units, chosen, data.page ?? 0, taskTexts.nextPage),
  ];
  rows.push([{ label: taskTexts.done(chosen.size), value: "done", synonyms: ["xong"] }]);
  return {
    kind: "next",
    step: "task-units",
    data,
    before,
    prompt: { text: taskTexts.askUnits(units.filter((u) => chosen.has(u.id)).map((u) => u.name)), choices: rows, acceptsText: true },
  };
}

const withProposal = <D extends ProposalState>(data: D, change: Partial<TaskProposal>): D => ({
  ...data,
  proposals: data.proposals.map((p, i) => (i === data.index ? { ...p, ...change } : p)),
});

export async function proposalStep<D extends ProposalState>(
  ctx: FlowContext,
  step: string,
  data: D,
  input: FlowInput,
): Promise<StepOutcome<D>> {
  const tz = ctx.services.config.timezone;
  const choice = input.type === "choice" ? input.value : null;
  const p = data.proposals[data.index]!;
  if (step === "task-due") {
    if (choice === "back" || input.type !== "text") return proposalPrompt(ctx, data);
    const [date, time] = input.text.trim().split(/\s+(?=\d{1,2}(?:[:hg]|\s*giờ))/);
    const due = parseDue(date ?? "", time ?? null, { now: ctx.now, timezone: tz });
    if (!due.ok)
      return {
        kind: "next",
        step,
        data,
        prompt: {
          text: joinHtml(due.errors.map((e) => taskTexts.error(e))),
          choices: [[{ label: t.back, value: "back" }]],
          acceptsText: true,
        },
      };
    return proposalPrompt(
      ctx,
      withProposal(data, {
        due: due.value.date,
        dueTime: due.value.time,
        dueReading: `hạn do Văn phòng nhập: ${formatLocalDateShort(due.value.date)} ${due.value.time}`,
      }),
    );
  }
  if (step === "task-units") {
    const units = allUnitsOf(await listUnits(ctx.db.prisma, ctx.actor!.councilId));
    if (choice === "done") return p.unitIds.length > 0 ? proposalPrompt(ctx, data) : unitToggles(ctx, data);
    if (choice === "all") return proposalPrompt(ctx, withProposal(data, { unitIds: units.map((u) => u.id), allUnits: true }));
    const toggled = applyUnitToggle(
      units,
      p.unitIds,
      input.type === "text" ? { type: "text", text: input.text } : input.type === "choice" ? { type: "choice", value: input.value } : input,
    );
    if (toggled.kind === "page") return unitToggles(ctx, { ...data, page: toggled.page });
    if (toggled.kind === "none") return unitToggles(ctx, data);
    const problems = [
      ...toggled.notFound.map((x) => taskTexts.unitNotFound(x)),
      ...toggled.ambiguous.map((a) => taskTexts.unitAmbiguous(a.typed, a.names)),
    ];
    return unitToggles(ctx, withProposal(data, { unitIds: toggled.chosen, allUnits: false }), problems);
  }
  // step "task"
  switch (choice) {
    case "skip":
      return advance(ctx, data, t.skipped());
    case "due":
      return {
        kind: "next",
        step: "task-due",
        data,
        prompt: { text: t.askDue(), choices: [[{ label: t.back, value: "back" }]], acceptsText: true },
      };
    case "units":
      return unitToggles(ctx, { ...data, page: 0 });
    case "create": {
      if (!p.due && p.periodic) return createPeriodicProposal(ctx, data, p);
      if (!p.due) return proposalPrompt(ctx, data, [t.needDue()]);
      if (p.unitIds.length === 0) return proposalPrompt(ctx, data, [t.needUnits()]);
      const checked = await validateNewTask(
        ctx.db.prisma,
        {
          councilId: ctx.actor!.councilId,
          title: p.title,
          dueDate: p.due,
          dueTime: p.dueTime,
          units: { ids: p.unitIds },
          noticeId: data.noticeId ?? null,
        },
        { now: ctx.now, timezone: tz },
      );
      if (!checked.ok)
        return proposalPrompt(
          ctx,
          data,
          checked.errors.map((e) => taskTexts.error(e)),
        );
      const next = { ...data, created: data.created + 1 };
      const outcome = await advance(ctx, next, t.created(0, p.title, formatDeadline(checked.value.dueAt, tz), checked.value.units.length));
      const quiet = quietPolicyOf(ctx.services.config, await findCouncilById(ctx.db.prisma, ctx.actor!.councilId));
      // The confirmation names the task's number, known once it is saved in the same transaction.
      outcome.effect = async (tx) => {
        const row = await saveTask(
          tx,
          checked.value,
          { memberId: ctx.actor!.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` },
          { now: ctx.now, timezone: tz, quiet },
        );
        const created = t.created(row.id, p.title, formatDeadline(checked.value.dueAt, tz), checked.value.units.length);
        if (outcome.kind === "end") outcome.messages = [created, ...(outcome.messages ?? []).slice(1)];
        else outcome.before = [created];
      };
      return outcome;
    }
    default:
      return proposalPrompt(ctx, data);
  }
}

/** "Tạo nhiệm vụ" on a recurring requirement: a periodic series with the proposed rule; its current period opens at once. */
async function createPeriodicProposal<D extends ProposalState>(ctx: FlowContext, data: D, p: TaskProposal): Promise<StepOutcome<D>> {
  const tz = ctx.services.config.timezone;
  if (p.unitIds.length === 0) return proposalPrompt(ctx, data, [t.needUnits()]);
  const council = await findCouncilById(ctx.db.prisma, ctx.actor!.councilId);
  const checked = await validateSeries(
    ctx.db.prisma,
    {
      councilId: ctx.actor!.councilId,
      title: p.title,
      every: p.periodic!.every,
      day: p.periodic!.day,
      month: p.periodic!.month,
      dueTime: p.dueTime,
      units: p.allUnits ? "all" : { ids: p.unitIds },
      noticeId: data.noticeId ?? null,
    },
    { now: ctx.now, timezone: tz, calendar: workCalendarOf(council) },
  );
  if (!checked.ok)
    return proposalPrompt(
      ctx,
      data,
      checked.errors.map((e) =>
        "code" in e && e.code in SERIES_ONLY_CODES ? periodicTexts.error(e as SeriesOnlyError) : taskTexts.error(e as TaskError),
      ),
    );
  const valid = checked.value;
  const next = { ...data, created: data.created + 1 };
  const outcome = await advance(
    ctx,
    next,
    periodicTexts.created({ id: 0, title: valid.title, rule: ruleText(valid.rule), first: null, units: valid.units.length }),
  );
  outcome.effect = async (tx) => {
    const series = await saveSeries(
      tx,
      valid,
      { memberId: ctx.actor!.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` },
      ctx.now,
    );
    const opened = await openSeriesPeriodsIn(tx, series, council ?? { settingsJson: "{}" }, ctx.now, tz);
    const first = valid.upcoming[0]!;
    const created = periodicTexts.created({
      id: series.id,
      title: series.title,
      rule: ruleText(valid.rule),
      first: opened[0] ? `${periodLabel(first)}, nhiệm vụ #${opened[0].taskId}, hạn ${formatDeadline(opened[0].dueAt, tz)}` : null,
      units: valid.units.length,
    });
    if (outcome.kind === "end") outcome.messages = [created, ...(outcome.messages ?? []).slice(1)];
    else outcome.before = [created];
  };
  return outcome;
}

const SERIES_ONLY_CODES: Record<string, true> = {
  every: true,
  day: true,
  month: true,
  "until-date": true,
  "start-date": true,
  "until-before-start": true,
  "no-period": true,
};
