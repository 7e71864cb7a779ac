/**
 * Creating tasks from a published notice's deadlines, a step of its own after publishing (`/thongbao_nhiemvu N`,
 * or the "Xem N yêu cầu báo cáo" button under the delivery summary): each reporting requirement the parser found
 * is shown with a short title, its quote, due date and units; the office creates it as a task (with reminders),
 * edits the title, the date or the units, or skips it. Each decision is kept with the notice, so leaving this
 * step (for another command) drops nothing: the same command shows what is still open.
 */
import { listUnits } from "../db/units.js";
import { findNotice } from "../db/notices.js";
import { noticeTasks as t, notices as noticeTexts } from "../i18n/vi/notices.js";
import { tasks as taskTexts } from "../i18n/vi/tasks.js";
import { formatLocalDateShort, formatDeadline } from "../domain/time/vietnamese-format.js";
import { atLocal } from "../domain/time/vietnam-time.js";
import { checkTitle, parseDue, saveTask, validateNewTask, allUnitsOf, DEFAULT_DUE_TIME } from "../core/tasks/create-task.js";
import type { TaskProposal } from "../core/notices/proposed-tasks.js";
import { decideProposal, latestWithOpenProposals, proposalsOf, type StoredProposal } from "../core/notices/notice-proposals.js";
import { joinHtml, type SafeHtml } from "../text/html.js";
import { cleanText } from "../text/fold.js";
import { findCouncilById } from "../db/councils.js";
import { openSeriesPeriodsIn, saveSeries, validateSeries } from "../core/tasks/series.js";
import { quietPolicyOf, workCalendarOf } from "../core/tasks/settings.js";
import type { TaskError } from "../core/tasks/create-task.js";
import { periodic as periodicTexts, periodLabel, ruleText, type SeriesOnlyError } from "../i18n/vi/periodic.js";
import { applyUnitToggle, unitToggleChoices } from "./pick-unit.js";
import type { FlowContext, FlowDefinition, FlowInput, Prompt, PromptChoice, StepOutcome } from "./types.js";
import { parseId } from "../domain/ids.js";

export interface ProposalState {
  noticeId: number;
  proposals: StoredProposal[];
  index: number;
  page?: number;
}

/** A proposal's deadline has passed: it cannot be created as it is (the office types a new date first). */
function isPast(ctx: FlowContext, p: TaskProposal): boolean {
  if (!p.due) return false;
  return atLocal(p.due, p.dueTime ?? DEFAULT_DUE_TIME, ctx.services.config.timezone).getTime() <= ctx.now.getTime();
}

const createdCount = (data: ProposalState): number => data.proposals.filter((p) => p.state === "created").length;

const nextOpen = (data: ProposalState, from: number): number => {
  for (let i = from; i < data.proposals.length; i++) if (data.proposals[i]!.state === "open") return i;
  return -1;
};

export const noticeTasksFlow: FlowDefinition<ProposalState> = {
  name: "notice-tasks",
  title: t.flowTitle,
  privateOnly: true,
  async start(ctx, args) {
    const actor = ctx.actor!;
    const arg = args.trim().replace(/^#/, "");
    const id = arg ? parseId(arg) : await latestWithOpenProposals(ctx.db.prisma, actor.councilId);
    if (id === null && !arg) return { kind: "end", messages: [t.noNoticeOpen()] };
    const notice = id !== null ? await findNotice(ctx.db.prisma, id) : null;
    if (!notice || notice.councilId !== actor.councilId) return { kind: "end", messages: [noticeTexts.noticeNotFound(arg)] };
    const proposals = await proposalsOf(ctx.db.prisma, notice, ctx.services.config.timezone);
    if (proposals.length === 0) return { kind: "end", messages: [t.noneFound(notice.id)] };
    const data: ProposalState = { noticeId: notice.id, proposals, index: 0 };
    const first = nextOpen(data, 0);
    if (first < 0) return { kind: "end", messages: [t.noneOpen(notice.id, createdCount(data), proposals.length)] };
    const open = proposals.filter((p) => p.state === "open").length;
    return proposalPrompt(ctx, { ...data, index: first }, [t.found(notice.id, open, proposals.length)]);
  },
  step: (ctx, step, data, input) => proposalStep(ctx, step, data, input),
};

const choices = (canCreate: boolean): PromptChoice[][] => [
  ...(canCreate ? [[{ label: t.create, value: "create", synonyms: ["tao"] }]] : []),
  [
    { label: t.editTitle, value: "title", synonyms: ["sua tieu de"] },
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
  const past = isPast(ctx, p);
  const proposal = t.proposal({
    index: data.index + 1,
    total: data.proposals.length,
    title: p.title,
    quote: p.quote,
    assignee: p.assignee,
    units: await unitsLabel(ctx, p),
    due: p.due ? formatLocalDateShort(p.due) : null,
    reading: p.dueReading,
    recurrence: p.recurrence,
    past,
  });
  // A recurring requirement is created as a periodic task: say which rule.
  const text = p.periodic && !p.due ? joinHtml([proposal, periodicTexts.proposal(ruleText({ ...p.periodic }))]) : proposal;
  const prompt: Prompt = { text: before.length > 0 ? joinHtml([...before, text], "\n\n") : text, choices: choices(!past) };
  return { kind: "next", step: "task", data, prompt };
}

/**
 * Records the decision on the current proposal (with `effect`'s change, in one transaction) and shows the next
 * open one, or the end, with `note` said first.
 */
function advance<D extends ProposalState>(
  ctx: FlowContext,
  data: D,
  decided: StoredProposal,
  note: SafeHtml,
  effect?: (tx: Parameters<NonNullable<Extract<StepOutcome<D>, { kind: "end" }>["effect"]>>[0]) => Promise<SafeHtml | null>,
): Promise<StepOutcome<D>> {
  const proposals = data.proposals.map((p, i) => (i === data.index ? decided : p));
  const next = { ...data, proposals, page: 0 };
  const index = nextOpen(next, data.index + 1);
  const finishing = index < 0;
  const messages: SafeHtml[] = [note];
  const save = async (tx: Parameters<NonNullable<Extract<StepOutcome<D>, { kind: "end" }>["effect"]>>[0]) => {
    const said = effect ? await effect(tx) : null;
    if (said) messages[0] = said;
    const { state, taskId, seriesId, ...proposal } = decided;
    await decideProposal(tx, data.noticeId, data.index, {
      state,
      ...(taskId !== undefined ? { taskId } : {}),
      ...(seriesId !== undefined ? { seriesId } : {}),
      proposal,
    });
  };
  if (finishing) {
    messages.push(t.finished(data.noticeId, createdCount(next), data.proposals.length));
    return Promise.resolve({ kind: "end", messages, effect: save });
  }
  return proposalPrompt(ctx, { ...next, index }).then((outcome) => {
    if (outcome.kind === "next") {
      outcome.before = messages;
      outcome.effect = save;
    }
    return outcome;
  });
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
  if (step === "task-title") {
    if (choice === "back" || input.type !== "text") return proposalPrompt(ctx, data);
    const title = cleanText(input.text);
    const problem = checkTitle(title);
    if (problem)
      return {
        kind: "next",
        step,
        data,
        prompt: { text: taskTexts.error(problem), choices: [[{ label: t.back, value: "back" }]], acceptsText: true },
      };
    return proposalPrompt(ctx, withProposal(data, { title }));
  }
  // step "task"
  switch (choice) {
    case "skip":
      return advance(ctx, data, { ...p, state: "skipped" }, t.skipped());
    case "title":
      return {
        kind: "next",
        step: "task-title",
        data,
        prompt: { text: t.askTitle(p.title), choices: [[{ label: t.back, value: "back" }]], acceptsText: true },
      };
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
      // The confirmation names the task's number, known once it is saved in the same transaction.
      const quiet = quietPolicyOf(ctx.services.config, await findCouncilById(ctx.db.prisma, ctx.actor!.councilId));
      const decided: StoredProposal = { ...p, state: "created" };
      return advance(
        ctx,
        data,
        decided,
        t.created(0, p.title, formatDeadline(checked.value.dueAt, tz), checked.value.units.length),
        async (tx) => {
          const row = await saveTask(
            tx,
            checked.value,
            { memberId: ctx.actor!.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` },
            { now: ctx.now, timezone: tz, quiet },
          );
          decided.taskId = row.id;
          return t.created(row.id, p.title, formatDeadline(checked.value.dueAt, tz), checked.value.units.length);
        },
      );
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
  const decided: StoredProposal = { ...p, state: "created" };
  return advance(
    ctx,
    data,
    decided,
    periodicTexts.created({ id: 0, title: valid.title, rule: ruleText(valid.rule), first: null, units: valid.units.length }),
    async (tx) => {
      const series = await saveSeries(
        tx,
        valid,
        { memberId: ctx.actor!.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` },
        ctx.now,
      );
      decided.seriesId = series.id;
      const opened = await openSeriesPeriodsIn(tx, series, council ?? { settingsJson: "{}" }, ctx.now, tz);
      const first = valid.upcoming[0]!;
      return periodicTexts.created({
        id: series.id,
        title: series.title,
        rule: ruleText(valid.rule),
        first: opened[0] ? `${periodLabel(first)}, nhiệm vụ #${opened[0].taskId}, hạn ${formatDeadline(opened[0].dueAt, tz)}` : null,
        units: valid.units.length,
      });
    },
  );
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
