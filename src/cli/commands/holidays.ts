/**
 * `council holidays list|add-day-off|add-working-day|remove`: the working calendar reminders follow.
 * Vietnam's public holidays (Tết and Giỗ Tổ computed from the lunar calendar) are built in; the office adds
 * the days the government announces each year (nghỉ bù, hoán đổi, a Saturday worked in exchange).
 */
import type { CommandRegistrar } from "../main.js";
import { CliError, formatTable } from "../context.js";
import { changeWorkCalendar, type CalendarChange } from "../../core/calendar-settings.js";
import { workCalendarOf } from "../../core/tasks/settings.js";
import { parseUserDate, localParts, weekdayOf } from "../../domain/time/vietnam-time.js";
import { dayOffReasonText } from "../../i18n/vi/calendar.js";
import { weekdayName } from "../../domain/time/vietnamese-format.js";

function day(text: string): string {
  const d = parseUserDate(text);
  if (!d.ok) throw new CliError(`"${text}" is not a date; use YYYY-MM-DD or DD/MM/YYYY.`);
  return d.value;
}

export const registerHolidayCommands: CommandRegistrar = (program, ctx) => {
  const h = program.command("holidays").description("Days off and working days: public holidays (built in) and the office's adjustments");

  h.command("list")
    .description("A year's public holidays, compensating days and the office's adjustments")
    .option("--year <year>", "the year (default: this year)")
    .option("--json", "print JSON")
    .action(async (opts: { year?: string; json?: boolean }) => {
      const c = ctx();
      const year = opts.year !== undefined ? Number(opts.year) : localParts(c.clock.now(), c.config.timezone).year;
      if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new CliError(`--year "${opts.year}" is not a year.`);
      const cal = workCalendarOf(await c.council());
      const days = cal.yearView(year);
      if (opts.json) {
        c.out(JSON.stringify(days, null, 2));
        return;
      }
      c.out(
        formatTable(
          ["DATE", "WEEKDAY", "DAY", "NOTE"],
          days.map((d) => [
            d.date,
            weekdayName(weekdayOf(d.date)),
            d.off ? dayOffReasonText(d.off) : "ngày làm việc (làm bù)",
            d.note ?? "",
          ]),
        ),
      );
      c.out(`${days.filter((d) => d.off && d.off !== "weekend").length} day(s) off in ${year} besides weekends.`);
    });

  const change = (name: string, description: string, kind: "day_off" | "working_day" | "remove") =>
    h
      .command(`${name} <date>`)
      .description(description)
      .option("--note <text>", "why (e.g. the government's decision)")
      .action(async (dateText: string, opts: { note?: string }) => {
        const c = ctx();
        const council = await c.council();
        const date = day(dateText);
        const ch: CalendarChange = kind === "remove" ? { kind, date } : { kind, date, note: opts.note ?? null };
        const r = await changeWorkCalendar(await c.db(), { councilId: council.id, change: ch, actor: { memberId: null, label: "cli" } });
        if (!r.ok)
          throw new CliError(
            r.reason === "note-too-long" ? "--note is too long (at most 200 characters)." : `Cannot change the calendar (${r.reason}).`,
          );
        if (kind === "remove") c.out(r.changed ? `Removed the adjustment of ${date}.` : `${date} had no adjustment; nothing changed.`);
        else c.out(`${date} is now ${kind === "day_off" ? "a day off" : "a working day"}; reminders follow it from the next tick.`);
      });
  change("add-day-off", "Make a day a day off (a compensating day, a swapped weekday, a local holiday)", "day_off");
  change("add-working-day", "Make a day a working day (a Saturday worked in exchange for a day off)", "working_day");
  change("remove", "Remove the office's adjustment of a day", "remove");
};
