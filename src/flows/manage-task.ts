/**
 * /nhiemvu: the office manages reporting tasks from chat: extend a deadline (for all units or chosen ones,
 * with a reason; the units are told), rename, close, reopen, and end a periodic series. The changes are made
 * by the core (core/tasks/extend.ts, change-status.ts, series.ts), each in its own transaction, before the
 * office is told.
 */
import { seriesOfCouncil, findSeriesInCouncil, nextOpenPeriodTask } from "../db/series.js";
import { findCouncilById } from "../db/councils.js";
import { taskForChange, tasksToManage, unitsWithSubmissions } from "../db/tasks.js";
import type { UnitRow } from "../db/units.js";
import { extendTask } from "../core/tasks/extend.js";
import { changeTaskStatus, renameReportTask } from "../core/tasks/change-status.js";
import { endSeries, ruleOf } from "../core/tasks/series.js";
import { localDateOf } from "../domain/time/vietnam-time.js";
import { formatDeadline, formatShortDateTime } from "../domain/time/vietnamese-format.js";
import { taskAdmin as t } from "../i18n/vi/task-admin.js";
import { periodic, ruleText } from "../i18n/vi/periodic.js";
import { tasks as taskTexts } from "../i18n/vi/tasks.js";
import { common } from "../i18n/vi/common.js";
import { joinHtml, type SafeHtml } from "../text/html.js";
import { applyUnitToggle, unitToggleChoices } from "./pick-unit.js";
import type { FlowContext, FlowDefinition, PromptChoice, StepOutcome } from "./types.js";
import { clip } from "../text/graphemes.js";

interface Data {
  taskId?: number;
  seriesId?: number;
  all?: boolean;
  unitIds: number[];
  page: number;
  due?: string;
  reason?: string;
}

const CANCEL: PromptChoice = { label: t.cancel, value: "cancel", synonyms: ["huy"] };
const end = (...messages: SafeHtml[]): StepOutcome<Data> => ({ kind: "end", messages });
const ask = (
  step: string,
  data: Data,
  text: SafeHtml,
  choices: PromptChoice[][],
  before?: SafeHtml[],
  acceptsText = false,
): StepOutcome<Data> => ({
  kind: "next",
  step,
  data,
  prompt: { text, choices, acceptsText },
  ...(before && before.length > 0 ? { before } : {}),
});
const actor = (ctx: FlowContext) => ({ memberId: ctx.actor!.memberId, label: `${ctx.event.user.platform}:${ctx.event.user.id}` });

async function list(ctx: FlowContext): Promise<StepOutcome<Data>> {
  const councilId = ctx.actor!.councilId;
  const tasks = await tasksToManage(ctx.db.prisma, councilId);
  const series = await seriesOfCouncil(ctx.db.prisma, councilId, { activeOnly: true });
  if (tasks.length === 0 && series.length === 0) return end(t.chooseTask(0));
  const choices: PromptChoice[][] = [
    ...tasks.map((x) => [{ label: clip(t.taskChoice(x.id, x.title, x.status), 60), value: `t${x.id}` }]),
    ...series.map((x) => [{ label: clip(t.seriesChoice(x.id, x.title), 60), value: `s${x.id}` }]),
    [CANCEL],
  ];
  return ask("pick", { unitIds: [], page: 0 }, t.chooseTask(tasks.length + series.length), choices);
}

async function card(ctx: FlowContext, data: Data, before?: SafeHtml[]): Promise<StepOutcome<Data>> {
  const tz = ctx.services.config.timezone;
  const task = await taskForChange(ctx.db.prisma, ctx.actor!.councilId, data.taskId!);
  if (!task || task.status === "deleted") return end(t.notFound());
  const submitted = await unitsWithSubmissions(ctx.db.prisma, task.id);
  const text = t.taskCard({
    id: task.id,
    title: task.title,
    status: task.status,
    due: formatDeadline(task.dueAt, tz),
    submitted: submitted.size,
    total: task.assignments.length,
    extended: task.assignments.filter((a) => a.dueAt).map((a) => ({ name: a.unit.name, due: formatDeadline(a.dueAt!, tz) })),
    history: task.extensions.map((x) =>
      t.historyLine({
        at: formatShortDateTime(x.createdAt, tz),
        unit: x.unit?.name ?? null,
        from: formatDeadline(x.previousDueAt, tz),
        to: formatDeadline(x.newDueAt, tz),
        reason: x.reason,
        by: x.actorLabel,
      }),
    ),
    series: task.series ? `ĐK${task.series.id} ${task.series.title}` : null,
  });
  const choices: PromptChoice[][] =
    task.status === "open"
      ? [
          [
            { label: t.extend, value: "extend", synonyms: ["gia han"] },
            { label: t.rename, value: "rename", synonyms: ["doi ten"] },
          ],
          [{ label: t.close, value: "close", synonyms: ["dong"] }],
        ]
      : [[{ label: t.reopen, value: "reopen", synonyms: ["mo lai"] }], [{ label: t.rename, value: "rename", synonyms: ["doi ten"] }]];
  if (task.series?.status === "active") choices.push([{ label: t.endSeries, value: `end-series${task.series.id}` }]);
  choices.push([CANCEL]);
  return ask("action", { ...data, unitIds: [], page: 0 }, text, choices, before);
}

async function assignedUnits(ctx: FlowContext, taskId: number): Promise<UnitRow[]> {
  const task = await taskForChange(ctx.db.prisma, ctx.actor!.councilId, taskId);
  return (task?.assignments ?? []).map((a) => a.unit);
}

async function askUnits(ctx: FlowContext, data: Data, before?: SafeHtml[]): Promise<StepOutcome<Data>> {
  const units = await assignedUnits(ctx, data.taskId!);
  const chosen = new Set(data.unitIds);
  const rows = unitToggleChoices(units, chosen, data.page, taskTexts.nextPage);
  rows.push([{ label: taskTexts.done(chosen.size), value: "done", synonyms: ["xong"] }], [CANCEL]);
  return ask("extend-units", data, taskTexts.askUnits(units.filter((u) => chosen.has(u.id)).map((u) => u.name)), rows, before, true);
}

async function askDue(ctx: FlowContext, data: Data, before?: SafeHtml[]): Promise<StepOutcome<Data>> {
  const task = await taskForChange(ctx.db.prisma, ctx.actor!.councilId, data.taskId!);
  if (!task) return end(t.notFound());
  const own = data.all ? [] : task.assignments.filter((a) => data.unitIds.includes(a.unitId) && a.dueAt).map((a) => a.dueAt!.getTime());
  const current = new Date(Math.max(task.dueAt.getTime(), ...own));
  return ask("extend-due", data, t.askExtendDue(formatDeadline(current, ctx.services.config.timezone)), [[CANCEL]], before, true);
}

async function doExtend(ctx: FlowContext, data: Data): Promise<StepOutcome<Data>> {
  const tz = ctx.services.config.timezone;
  const council = await findCouncilById(ctx.db.prisma, ctx.actor!.councilId);
  const r = await extendTask(ctx.db, {
    councilId: ctx.actor!.councilId,
    taskId: data.taskId!,
    due: data.due ?? "",
    units: data.all ? "all" : { ids: data.unitIds },
    reason: data.reason ?? "",
    actor: actor(ctx),
    now: ctx.now,
    timezone: tz,
    council: council ?? { settingsJson: "{}" },
  });
  if (!r.ok) {
    const messages = r.errors.map((e) => t.error(e));
    if (r.errors.some((e) => e.code === "due" || e.code === "not-later" || e.code === "in-past")) return askDue(ctx, data, messages);
    if (r.errors.some((e) => e.code === "reason-missing" || e.code === "reason-too-long"))
      return ask("extend-reason", data, t.askReason(), [[CANCEL]], messages, true);
    return end(...messages);
  }
  return end(
    t.extended({ title: r.value.title, to: formatDeadline(r.value.newDueAt, tz), units: r.value.units.length, told: r.value.told }),
  );
}

export const manageTaskFlow: FlowDefinition<Data> = {
  name: "manage-task",
  title: t.flowTitle,
  privateOnly: true,
  start: (ctx) => list(ctx),
  async step(ctx, step, data, input) {
    const choice = input.type === "choice" ? input.value : null;
    const text = input.type === "text" ? input.text.trim() : null;
    if (choice === "cancel") return end(common.cancelled());
    const tz = ctx.services.config.timezone;
    switch (step) {
      case "pick": {
        if (choice && /^t\d+$/.test(choice)) return card(ctx, { ...data, taskId: Number(choice.slice(1)) });
        if (choice && /^s\d+$/.test(choice)) return askEndSeries(ctx, { ...data, seriesId: Number(choice.slice(1)) });
        return list(ctx);
      }
      case "action": {
        if (choice === "extend") {
          const n = (await assignedUnits(ctx, data.taskId!)).length;
          return ask("extend-scope", data, t.askExtendScope(), [
            [{ label: t.extendAll(n), value: "all", synonyms: ["tat ca"] }],
            [{ label: t.extendSome, value: "some", synonyms: ["chon"] }],
            [CANCEL],
          ]);
        }
        if (choice === "rename") {
          const task = await taskForChange(ctx.db.prisma, ctx.actor!.councilId, data.taskId!);
          return ask("rename", data, t.askNewTitle(task?.title ?? ""), [[CANCEL]], undefined, true);
        }
        if (choice === "close" || choice === "reopen") {
          const r = await changeTaskStatus(ctx.db, {
            councilId: ctx.actor!.councilId,
            taskId: data.taskId!,
            to: choice === "close" ? "closed" : "open",
            actor: actor(ctx),
            now: ctx.now,
          });
          if (!r.ok) return end(r.reason === "already" ? t.already(r.status ?? "") : t.notFound());
          return end(choice === "close" ? t.closed(r.title, r.cancelledMessages) : t.reopened(r.title));
        }
        if (choice?.startsWith("end-series")) return askEndSeries(ctx, { ...data, seriesId: Number(choice.slice(10)) });
        return card(ctx, data);
      }
      case "extend-scope": {
        if (choice === "all") return askDue(ctx, { ...data, all: true, unitIds: [] });
        if (choice === "some") return askUnits(ctx, { ...data, all: false, unitIds: [], page: 0 });
        return card(ctx, data);
      }
      case "extend-units": {
        const units = await assignedUnits(ctx, data.taskId!);
        if (choice === "done") return data.unitIds.length > 0 ? askDue(ctx, data) : askUnits(ctx, data, [taskTexts.noUnitChosen()]);
        const toggled = applyUnitToggle(
          units,
          data.unitIds,
          input.type === "text"
            ? { type: "text", text: input.text }
            : input.type === "choice"
              ? { type: "choice", value: input.value }
              : input,
        );
        if (toggled.kind === "page") return askUnits(ctx, { ...data, page: toggled.page });
        if (toggled.kind === "none") return askUnits(ctx, data);
        return askUnits(ctx, { ...data, unitIds: toggled.chosen }, [
          ...toggled.notFound.map((x) => taskTexts.unitNotFound(x)),
          ...toggled.ambiguous.map((a) => taskTexts.unitAmbiguous(a.typed, a.names)),
        ]);
      }
      case "extend-due": {
        if (!text) return askDue(ctx, data);
        return ask("extend-reason", { ...data, due: text }, t.askReason(), [[CANCEL]], undefined, true);
      }
      case "extend-reason": {
        if (!text) return ask("extend-reason", data, t.askReason(), [[CANCEL]], undefined, true);
        return doExtend(ctx, { ...data, reason: text });
      }
      case "rename": {
        if (!text) return card(ctx, data);
        const r = await renameReportTask(ctx.db, { councilId: ctx.actor!.councilId, taskId: data.taskId!, title: text, actor: actor(ctx) });
        if (!r.ok) {
          if (r.error) return ask("rename", data, t.askNewTitle(""), [[CANCEL]], [taskTexts.error(r.error)], true);
          return end(t.notFound());
        }
        return end(t.renamed(r.from, r.to));
      }
      case "end-series": {
        if (choice !== "after-current" && choice !== "now") return askEndSeries(ctx, data);
        const series = await findSeriesInCouncil(ctx.db.prisma, ctx.actor!.councilId, data.seriesId!);
        if (!series) return end(t.notFound());
        // "After the current period": the open period still due stays; nothing due after its deadline opens.
        const openDue = await nextOpenPeriodTask(ctx.db.prisma, series.id, ctx.now);
        const after = choice === "now" || !openDue ? localDateOf(ctx.now, tz) : localDateOf(openDue.dueAt, tz);
        const r = await endSeries(ctx.db, {
          councilId: ctx.actor!.councilId,
          seriesId: series.id,
          after,
          actor: actor(ctx),
          now: ctx.now,
          timezone: tz,
        });
        if (!r.ok) return end(t.already("closed"));
        return end(periodic.ended({ id: r.seriesId, title: r.title, closed: r.closedTasks.length }));
      }
    }
    return end(common.cancelled());
  },
};

async function askEndSeries(ctx: FlowContext, data: Data): Promise<StepOutcome<Data>> {
  const series = await findSeriesInCouncil(ctx.db.prisma, ctx.actor!.councilId, data.seriesId!);
  if (series?.status !== "active") return end(t.notFound());
  return ask(
    "end-series",
    data,
    joinHtml([
      t.askEndSeries(series.title),
      periodic.preview({ rule: ruleText(ruleOf(series)), until: series.until, next: [], dayOff: null }),
    ]),
    [[{ label: t.endAfterCurrent, value: "after-current" }], [{ label: t.endNow, value: "now" }], [CANCEL]],
  );
}
