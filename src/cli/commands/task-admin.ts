/**
 * `council task create --every ...` (periodic series), `council task extend|rename|history`, and
 * `council task series list|end`: the reporting regime from the operator's terminal.
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { CliError, formatTable } from "../context.js";
import type { CouncilRow } from "../../db/councils.js";
import type { Database } from "../../db/client.js";
import { seriesOfCouncil, periodTasksOf } from "../../db/series.js";
import { taskForChange } from "../../db/tasks.js";
import { createSeries, endSeries, ruleOf } from "../../core/tasks/series.js";
import { extendTask, type ExtendError } from "../../core/tasks/extend.js";
import { renameReportTask } from "../../core/tasks/change-status.js";
import type { UnitSelection } from "../../core/tasks/create-task.js";
import { parseUserDate } from "../../domain/time/vietnam-time.js";
import { htmlToPlainText } from "../../text/html.js";
import { ruleText } from "../../i18n/vi/periodic.js";
import { localStamp, taskErrorLine } from "./tasks.js";
import { clip } from "../../text/graphemes.js";

function parseId(text: string, what = "task"): number {
  const id = /^(?:#|ĐK|DK)?\d+$/i.test(text.trim()) ? Number(text.trim().replace(/^(#|ĐK|DK)/i, "")) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new CliError(`"${text}" is not a ${what} id (see \`council task ${what === "series" ? "series " : ""}list\`).`);
  return id;
}

const unitsOf = (text: string | undefined): UnitSelection =>
  text === undefined || text.trim().toLowerCase() === "all" ? "all" : { codes: text.split(/[,;\s]+/).filter(Boolean) };

/** `council task create --every ...`: a series; its first period opens at once when it has begun. */
export async function createPeriodic(
  c: CliContext,
  council: CouncilRow,
  db: Database,
  now: Date,
  opts: {
    title: string;
    every: string;
    day: string;
    month?: string;
    from?: string;
    until?: string;
    onDayOff: string;
    time: string;
    notice?: string;
    description?: string;
    json?: boolean;
  },
  units: UnitSelection,
  schedule: unknown,
): Promise<void> {
  const tz = c.config.timezone;
  if (!["keep", "next_working_day", "previous_working_day"].includes(opts.onDayOff))
    throw new CliError(`Task not created: --on-day-off "${opts.onDayOff}" is not keep, next_working_day or previous_working_day.`);
  const result = await createSeries(
    db,
    council,
    {
      councilId: council.id,
      title: opts.title,
      description: opts.description ?? null,
      every: opts.every.trim().toLowerCase().replace("-", "_"),
      day: opts.day,
      month: opts.month ?? null,
      dueTime: opts.time,
      onDayOff: opts.onDayOff,
      startsOn: opts.from ?? null,
      until: opts.until ?? null,
      units,
      noticeId: opts.notice ?? null,
      schedule,
    },
    { memberId: null, label: "cli" },
    { now, timezone: tz },
  );
  if (!result.ok) throw new CliError(`Task not created: ${result.errors.map((e) => taskErrorLine(e, tz)).join("; ")}.`);
  const { series, valid, opened } = result.value;
  if (opts.json) {
    c.out(
      JSON.stringify(
        {
          seriesId: series.id,
          title: series.title,
          rule: valid.rule,
          startsOn: series.startsOn,
          until: series.until,
          units: valid.units.map((u) => u.code),
          upcoming: valid.upcoming.map((p) => ({ period: p.key, due: `${p.dueDate} ${valid.rule.dueTime}`, opensOn: p.opensOn })),
          opened: opened.map((o) => ({ taskId: o.taskId, period: o.periodKey, title: o.title, dueAt: o.dueAt.toISOString() })),
        },
        null,
        2,
      ),
    );
    return;
  }
  c.out(
    `Created periodic series ĐK${series.id} "${series.title}" (${opts.every}, day ${valid.rule.day}${valid.rule.every === "year" ? `/${valid.rule.month}` : ""}, ${valid.rule.dueTime}${series.until ? `, until ${series.until}` : ""}) for ${valid.units.length} unit(s)${valid.allUnits ? " (all)" : `: ${valid.units.map((u) => u.code).join(", ")}`}.`,
  );
  c.out(
    `Next deadlines: ${valid.upcoming.map((p) => `${p.key} ${p.dueDate}${p.dueDate !== p.nominalDue ? ` (moved from ${p.nominalDue})` : ""}`).join(", ")}.`,
  );
  if (opened.length === 0) c.out(`No period has begun yet; the first opens on ${valid.upcoming[0]!.opensOn}.`);
  for (const o of opened) c.out(`Opened task #${o.taskId} "${o.title}", due ${localStamp(o.dueAt, tz)}.`);
}

function extendErrorLine(e: ExtendError): string {
  switch (e.code) {
    case "not-found":
      return "no such task";
    case "not-open":
      return `the task is ${e.status} (reopen it first with \`council task reopen\`)`;
    case "reason-missing":
      return "--reason is empty";
    case "reason-too-long":
      return `--reason is too long (at most ${e.max} characters)`;
    case "due":
      return htmlToPlainText(e.message);
    case "not-later":
      return `the new deadline must be later than the current one (${e.current})`;
    case "in-past":
      return "the new deadline is in the past";
    case "unknown-units":
      return `unit(s) ${e.codes.join(", ")} are not assigned this task`;
    case "no-units":
      return "no units chosen";
  }
}

export function registerTaskAdminCommands(task: Command, ctx: () => CliContext): void {
  task
    .command("extend <id>")
    .description("Extend a task's deadline for all units or chosen ones; the units concerned are told, reminders follow the new date")
    .requiredOption("--to <date>", 'the new deadline: YYYY-MM-DD or DD/MM/YYYY, or "thêm 3 ngày làm việc" (from the current deadline)')
    .option("--time <HH:mm>", "the new deadline's time (default: the current deadline's)")
    .option("--units <all|CODE,...>", "only these units (default all)")
    .requiredOption("--reason <text>", "why (sent to the units with the notice)")
    .action(async (idText: string, opts: { to: string; time?: string; units?: string; reason: string }) => {
      const c = ctx();
      const id = parseId(idText);
      const council = await c.council();
      const r = await extendTask(await c.db(), {
        councilId: council.id,
        taskId: id,
        due: opts.to,
        time: opts.time ?? null,
        units: unitsOf(opts.units),
        reason: opts.reason,
        actor: { memberId: null, label: "cli" },
        now: c.clock.now(),
        timezone: c.config.timezone,
        council,
      });
      if (!r.ok) throw new CliError(`Task #${id} not extended: ${r.errors.map(extendErrorLine).join("; ")}.`);
      const v = r.value;
      c.out(
        `Extended task #${id} "${v.title}" to ${localStamp(v.newDueAt, c.config.timezone)} for ${v.all ? `all ${v.units.length} unit(s)` : v.units.map((u) => u.code).join(", ")}; ${v.told} message(s) queued to tell the units that have not reported.`,
      );
    });

  task
    .command("rename <id>")
    .description("Rename a task")
    .requiredOption("--title <title>", "the new title")
    .action(async (idText: string, opts: { title: string }) => {
      const c = ctx();
      const id = parseId(idText);
      const council = await c.council();
      const r = await renameReportTask(await c.db(), {
        councilId: council.id,
        taskId: id,
        title: opts.title,
        actor: { memberId: null, label: "cli" },
      });
      if (!r.ok)
        throw new CliError(
          r.reason === "not-found"
            ? `No task #${id} (see \`council task list\`).`
            : `Task #${id} not renamed: ${taskErrorLine(r.error!, c.config.timezone)}.`,
        );
      c.out(`Renamed task #${id}: "${r.from}" -> "${r.to}".`);
    });

  task
    .command("history <id>")
    .description("A task's deadline and its extensions, oldest first")
    .action(async (idText: string) => {
      const c = ctx();
      const tz = c.config.timezone;
      const id = parseId(idText);
      const council = await c.council();
      const t = await taskForChange((await c.db()).prisma, council.id, id);
      if (!t || t.status === "deleted") throw new CliError(`No task #${id} (see \`council task list\`).`);
      c.out(
        `Task #${t.id} "${t.title}" (${t.status}), due ${localStamp(t.dueAt, tz)}${t.series ? `, period ${t.periodKey} of series ĐK${t.series.id}` : ""}.`,
      );
      if (t.extensions.length === 0) c.out("Never extended.");
      for (const x of t.extensions)
        c.out(
          `${localStamp(x.createdAt, tz)}  ${x.unit ? x.unit.code : "all units"}: ${localStamp(x.previousDueAt, tz)} -> ${localStamp(x.newDueAt, tz)} (${x.reason}; ${x.actorLabel})`,
        );
      for (const a of t.assignments.filter((x) => x.dueAt)) c.out(`${a.unit.code} has its own deadline ${localStamp(a.dueAt!, tz)}.`);
    });

  const series = task.command("series").description("Periodic reporting series (each period is its own task)");
  series
    .command("list")
    .description("Series with their rule, status and periods")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const tz = c.config.timezone;
      const council = await c.council();
      const db = await c.db();
      const rows = await seriesOfCouncil(db.prisma, council.id);
      const withPeriods = await Promise.all(rows.map(async (s) => ({ s, periods: await periodTasksOf(db.prisma, s.id) })));
      if (opts.json) {
        c.out(
          JSON.stringify(
            withPeriods.map(({ s, periods }) => ({
              id: s.id,
              title: s.title,
              rule: ruleOf(s),
              startsOn: s.startsOn,
              until: s.until,
              status: s.status,
              periods: periods.map((p) => ({ taskId: p.id, period: p.periodKey, dueAt: p.dueAt.toISOString(), status: p.status })),
            })),
            null,
            2,
          ),
        );
        return;
      }
      c.out(
        formatTable(
          ["ID", "TITLE", "RULE", "UNTIL", "STATUS", "PERIODS", "LATEST"],
          withPeriods.map(({ s, periods }) => [
            `ĐK${s.id}`,
            clip(s.title, 40),
            ruleText(ruleOf(s)),
            s.until ?? "",
            s.status,
            periods.length,
            periods[0] ? `#${periods[0].id} ${periods[0].periodKey} due ${localStamp(periods[0].dueAt, tz)}` : "",
          ]),
        ),
      );
    });
  series
    .command("end <id>")
    .description("End a series: no new periods; open periods due after the end date are closed")
    .option("--after <date>", "the last day a period may be due (default today)")
    .action(async (idText: string, opts: { after?: string }) => {
      const c = ctx();
      const id = parseId(idText, "series");
      const council = await c.council();
      let after: string | null = null;
      if (opts.after !== undefined) {
        const d = parseUserDate(opts.after);
        if (!d.ok) throw new CliError(`--after "${opts.after}" is not a date; use YYYY-MM-DD or DD/MM/YYYY.`);
        after = d.value;
      }
      const r = await endSeries(await c.db(), {
        councilId: council.id,
        seriesId: id,
        after,
        actor: { memberId: null, label: "cli" },
        now: c.clock.now(),
        timezone: c.config.timezone,
      });
      if (!r.ok)
        throw new CliError(
          r.reason === "not-found" ? `No series ĐK${id} (see \`council task series list\`).` : `Series ĐK${id} has already ended.`,
        );
      c.out(
        `Ended series ĐK${id} "${r.title}": no period due after ${r.until} will open${r.closedTasks.length > 0 ? `; closed task(s) ${r.closedTasks.map((t) => `#${t}`).join(", ")}` : ""}.`,
      );
    });
}
