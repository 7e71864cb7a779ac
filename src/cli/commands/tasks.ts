/**
 * `council task create|list|close|delete`: reporting tasks from the operator's terminal. Bad input (a date
 * that does not exist, an unknown unit code, a past deadline, no units) prints one line and exits 1.
 */
import type { CommandRegistrar } from "../main.js";
import { CliError, formatTable } from "../context.js";
import { createReportTask, type TaskError } from "../../core/tasks/create-task.js";
import type { SeriesOnlyError } from "../../i18n/vi/periodic.js";
import { changeTaskStatus } from "../../core/tasks/change-status.js";
import { listTasksWithStatus, type TaskStatusView } from "../../core/tasks/list-tasks.js";
import { taskPlanView } from "../../core/tasks/plan-view.js";
import { localDateOf, localTimeOf } from "../../domain/time/vietnam-time.js";
import { parseRelativeDays, resolveRelativeDays } from "../../domain/calendar/relative.js";
import { quietPolicyOf, workCalendarOf } from "../../core/tasks/settings.js";
import { createPeriodic, registerTaskAdminCommands } from "./task-admin.js";
import { clip } from "../../text/graphemes.js";

/** "2022-05-31 17:00" in the council's time zone. */
export const localStamp = (at: Date, tz: string): string => `${localDateOf(at, tz)} ${localTimeOf(at, tz)}`;

const REASONS: Record<string, string> = {
  empty: "is empty",
  unreadable: "cannot be read",
  "does-not-exist": "does not exist",
  "missing-year": "has no year",
  "year-out-of-range": "has a year out of range",
};

/** A task error in English, for the operator. */
export function taskErrorLine(e: TaskError | SeriesOnlyError, tz: string): string {
  switch (e.code) {
    case "title-missing":
      return "--title is empty";
    case "title-too-long":
      return `--title is too long (${e.length} characters, at most ${e.max})`;
    case "description-too-long":
      return `--description is too long (${e.length} characters, at most ${e.max})`;
    case "due-date":
      return `the date "${e.input}" ${REASONS[e.reason] ?? "is not valid"} (use YYYY-MM-DD or DD/MM/YYYY, e.g. 2022-05-31)`;
    case "due-time":
      return `the time "${e.input}" ${REASONS[e.reason] ?? "is not valid"} (use HH:mm, e.g. 17:00)`;
    case "due-in-past":
      return `the due date ${localStamp(e.dueAt, tz)} is in the past (add --allow-past to record an old task)`;
    case "no-units":
      return "the task has no units (use --units all or --units CODE,CODE)";
    case "unknown-units":
      return `unknown unit code${e.codes.length > 1 ? "s" : ""} ${e.codes.join(", ")} (see \`council units list\`)`;
    case "inactive-units":
      return `unit${e.codes.length > 1 ? "s" : ""} ${e.codes.join(", ")} no longer active`;
    case "unknown-notice":
      return `no notice with id ${e.noticeId}`;
    case "bad-schedule":
      return `--schedule: ${e.errors.join("; ")}`;
    case "every":
      return `--every "${e.input}" is not month, quarter, half_year or year`;
    case "day":
      return `--day "${e.input}" is not a day of the month (1-31)`;
    case "month":
      return `--month "${e.input}" is not a month (1-12)`;
    case "start-date":
      return `--from "${e.input}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)`;
    case "until-date":
      return `--until "${e.input}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)`;
    case "until-before-start":
      return "--until is before the first period's start";
    case "no-period":
      return "no period has its deadline between --from and --until";
  }
}

function parseId(text: string): number {
  const id = /^#?\d+$/.test(text.trim()) ? Number(text.trim().replace(/^#/, "")) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new CliError(`"${text}" is not a task id (see \`council task list\`).`);
  return id;
}

function taskJson(t: TaskStatusView) {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    dueAt: t.dueAt.toISOString(),
    status: t.status,
    noticeId: t.noticeId,
    createdAt: t.createdAt.toISOString(),
    closedAt: t.closedAt?.toISOString() ?? null,
    counts: t.counts,
    seriesId: t.seriesId,
    periodKey: t.periodKey,
    units: t.units.map((u) => ({
      code: u.code,
      name: u.name,
      status: u.status,
      dueAt: u.dueAt.toISOString(),
      extended: u.extended,
      nothingToReport: u.nothing,
      submittedAt: u.submittedAt?.toISOString() ?? null,
      receiptNo: u.receiptNo,
      versions: u.versions,
    })),
  };
}

export const registerTaskCommands: CommandRegistrar = (program, ctx) => {
  const task = program.command("task").description("Reporting tasks: deadlines the units report against, with reminders");

  task
    .command("create")
    .description("Create a reporting task for some or all units (reminders follow the council's schedule)")
    .requiredOption("--title <title>", 'what the units report on, e.g. "Báo cáo kết quả giám sát tháng 5"')
    .option("--due <date>", 'the due date, YYYY-MM-DD or DD/MM/YYYY (council time zone), or "5 ngày làm việc" (working days from today)')
    .option("--every <period>", "a periodic task: month | quarter | half_year | year (each period is its own deadline)")
    .option("--day <1-31>", "periodic: the deadline's day in the period's last month (31 = the month's last day)")
    .option("--month <1-12>", "periodic, yearly: the deadline's month (default 12)")
    .option("--from <date>", "periodic: no period due before this date (default today)")
    .option("--until <date>", "periodic: no period due after this date (default: until `council task series end`)")
    .option("--on-day-off <rule>", "periodic: a deadline on a day off is kept | next_working_day | previous_working_day", "keep")
    .option("--time <HH:mm>", "the due time", "17:00")
    .requiredOption("--units <all|CODE,...>", "all (every active unit except committees) or unit codes separated by commas")
    .option("--notice <id>", "the notice the task comes from")
    .option("--description <text>", "what exactly to report")
    .option("--schedule <json>", 'override the reminder schedule, e.g. \'{"daysBefore":[3,1],"overdueDailyFor":2}\'')
    .option("--allow-past", "accept a due date in the past (to record an old task; no reminders are owed)")
    .option("--json", "print JSON")
    .action(
      async (opts: {
        title: string;
        due?: string;
        every?: string;
        day?: string;
        month?: string;
        from?: string;
        until?: string;
        onDayOff: string;
        time: string;
        units: string;
        notice?: string;
        description?: string;
        schedule?: string;
        allowPast?: boolean;
        json?: boolean;
      }) => {
        const c = ctx();
        const tz = c.config.timezone;
        let schedule: unknown;
        if (opts.schedule !== undefined) {
          try {
            schedule = JSON.parse(opts.schedule);
          } catch {
            throw new CliError(`Task not created: --schedule is not valid JSON.`);
          }
        }
        const council = await c.council();
        const db = await c.db();
        const now = c.clock.now();
        const units = opts.units.trim().toLowerCase() === "all" ? ("all" as const) : { codes: opts.units.split(/[,;\s]+/).filter(Boolean) };
        if (opts.every !== undefined) {
          if (opts.due !== undefined)
            throw new CliError("Task not created: give either --due (one deadline) or --every with --day (periodic), not both.");
          if (opts.day === undefined) throw new CliError("Task not created: --every needs --day (the deadline's day, 1-31).");
          await createPeriodic(c, council, db, now, { ...opts, every: opts.every, day: opts.day }, units, schedule);
          return;
        }
        if (opts.due === undefined) throw new CliError("Task not created: give --due DATE (or --every with --day for a periodic task).");
        const relative = parseRelativeDays(opts.due);
        const dueDate = relative ? resolveRelativeDays(relative, localDateOf(now, tz), workCalendarOf(council)) : opts.due;
        const result = await createReportTask(
          db,
          {
            councilId: council.id,
            title: opts.title,
            description: opts.description ?? null,
            dueDate,
            dueTime: opts.time,
            units,
            noticeId: opts.notice ?? null,
            schedule,
            allowPastDue: opts.allowPast === true,
          },
          { memberId: null, label: "cli" },
          { now, timezone: tz, quiet: quietPolicyOf(c.config, council) },
        );
        if (!result.ok) throw new CliError(`Task not created: ${result.errors.map((e) => taskErrorLine(e, tz)).join("; ")}.`);
        const { task: row, valid } = result.value;
        const plan = taskPlanView({ dueAt: row.dueAt, override: valid.schedule, council, config: c.config, now });
        if (opts.json) {
          c.out(
            JSON.stringify(
              {
                id: row.id,
                title: row.title,
                dueAt: row.dueAt.toISOString(),
                dueLocal: `${valid.dueLocal.date} ${valid.dueLocal.time}`,
                units: valid.units.map((u) => u.code),
                noticeId: row.noticeId,
                reminders: plan.points.map((p) => ({ point: p.point, at: p.at.toISOString() })),
                escalationAt: plan.escalationAt?.toISOString() ?? null,
              },
              null,
              2,
            ),
          );
          return;
        }
        c.out(
          `Created task #${row.id} "${row.title}", due ${localStamp(row.dueAt, tz)} (${tz}), for ${valid.units.length} unit(s)${valid.allUnits ? " (all)" : `: ${valid.units.map((u) => u.code).join(", ")}`}.`,
        );
        if (plan.points.length === 0) c.out("Reminders: none left before the deadline.");
        else c.out(`Reminders: ${plan.points.map((p) => `${localStamp(p.at, tz)} (${p.point})`).join(", ")}.`);
        if (plan.escalationAt)
          c.out(`Escalation to the standing committee, if units are still missing: ${localStamp(plan.escalationAt, tz)}.`);
      },
    );

  task
    .command("list")
    .description("List tasks with each unit's status: on time, late, missing (overdue), not due yet")
    .option("--all", "include deleted tasks")
    .option("--open", "only open tasks")
    .option("--json", "print JSON")
    .action(async (opts: { all?: boolean; open?: boolean; json?: boolean }) => {
      const c = ctx();
      const tz = c.config.timezone;
      const council = await c.council();
      const views = await listTasksWithStatus((await c.db()).prisma, council.id, c.clock.now(), {
        includeDeleted: opts.all === true,
        openOnly: opts.open === true,
      });
      if (opts.json) {
        c.out(JSON.stringify(views.map(taskJson), null, 2));
        return;
      }
      c.out(
        formatTable(
          ["ID", "TITLE", "DUE", "STATUS", "ON TIME", "LATE", "MISSING", "NOT DUE", "UNITS"],
          views.map((t) => [
            t.id,
            clip(t.title, 50),
            localStamp(t.dueAt, tz),
            t.status,
            t.counts.on_time,
            t.counts.late,
            t.counts.missing,
            t.counts.not_due,
            t.counts.total,
          ]),
        ),
      );
      for (const t of views) {
        const groups = (["late", "missing", "not_due", "on_time"] as const)
          .map((s) => ({ s, codes: t.units.filter((u) => u.status === s).map((u) => u.code) }))
          .filter((g) => g.codes.length > 0)
          .map((g) => `${g.s.replace("_", " ")}: ${g.codes.join(", ")}`);
        if (groups.length > 0) c.out(`#${t.id}  ${groups.join(" | ")}`);
      }
      c.out(`${views.length} task(s)`);
    });

  registerTaskAdminCommands(task, ctx);

  for (const [verb, to, past] of [
    ["close", "closed", "Closed"],
    ["reopen", "open", "Reopened"],
    ["delete", "deleted", "Deleted"],
  ] as const) {
    task
      .command(`${verb} <id>`)
      .description(
        verb === "close"
          ? "Close a task: no more reminders (its reports are kept)"
          : verb === "reopen"
            ? "Reopen a closed task: the units that have not reported are reminded again"
            : "Delete a task: it disappears from lists and reminders stop (its reports and the audit log are kept)",
      )
      .action(async (idText: string) => {
        const c = ctx();
        const id = parseId(idText);
        const council = await c.council();
        const result = await changeTaskStatus(await c.db(), {
          councilId: council.id,
          taskId: id,
          to,
          actor: { memberId: null, label: "cli" },
          now: c.clock.now(),
        });
        if (!result.ok)
          throw new CliError(
            result.reason === "not-found" ? `No task #${id} (see \`council task list\`).` : `Task #${id} is already ${result.status}.`,
          );
        c.out(
          to === "open"
            ? `${past} task #${id} "${result.title}"; units that have not reported are reminded again.`
            : `${past} task #${id} "${result.title}"; its reminders stopped${result.cancelledMessages > 0 ? ` (${result.cancelledMessages} queued message(s) cancelled)` : ""}.`,
        );
      });
  }
};
