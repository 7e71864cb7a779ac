/** Periods of a periodic reporting rule: month ends, February, year ends, quarters, halves, years, days off. */
import { describe, expect, it } from "vitest";
import { firstPeriodDueFrom, nextPeriod, periodAt, periodsDueBetween, type PeriodRule } from "../../src/domain/periods.js";
import { WorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { periodLabel, periodTaskTitle } from "../../src/i18n/vi/periodic.js";

const rule = (r: Partial<PeriodRule>): PeriodRule => ({ every: "month", day: 20, dueTime: "17:00", onDayOff: "keep", ...r });
const dues = (r: PeriodRule, from: string, to: string, cal?: WorkCalendar) =>
  periodsDueBetween(r, from, to, cal).map((p) => `${p.key} ${p.dueDate}`);

describe("periods", () => {
  it("monthly on the 20th: one deadline a month, across the year end", () => {
    expect(dues(rule({}), "2026-11-01", "2027-02-28")).toEqual([
      "2026-11 2026-11-20",
      "2026-12 2026-12-20",
      "2027-01 2027-01-20",
      "2027-02 2027-02-20",
    ]);
  });

  it("a day past the month's end is its last day: 31 gives 30/4, 28/2 and 29/2 in a leap year", () => {
    expect(dues(rule({ day: 31 }), "2027-01-01", "2027-04-30")).toEqual([
      "2027-01 2027-01-31",
      "2027-02 2027-02-28",
      "2027-03 2027-03-31",
      "2027-04 2027-04-30",
    ]);
    expect(periodAt(rule({ day: 30 }), 2028, 2).dueDate).toBe("2028-02-29");
    expect(periodAt(rule({ day: 29 }), 2027, 2).dueDate).toBe("2027-02-28");
  });

  it("quarterly, half-yearly and yearly deadlines fall in the period's last month", () => {
    expect(dues(rule({ every: "quarter" }), "2026-10-01", "2027-12-31")).toEqual([
      "2026-Q4 2026-12-20",
      "2027-Q1 2027-03-20",
      "2027-Q2 2027-06-20",
      "2027-Q3 2027-09-20",
      "2027-Q4 2027-12-20",
    ]);
    expect(dues(rule({ every: "half_year", day: 15 }), "2026-01-01", "2027-12-31")).toEqual([
      "2026-H1 2026-06-15",
      "2026-H2 2026-12-15",
      "2027-H1 2027-06-15",
      "2027-H2 2027-12-15",
    ]);
    expect(dues(rule({ every: "year", day: 15, month: 11 }), "2026-01-01", "2028-12-31")).toEqual([
      "2026 2026-11-15",
      "2027 2027-11-15",
      "2028 2028-11-15",
    ]);
    expect(periodAt(rule({ every: "quarter", day: 31 }), 2027, 2).dueDate).toBe("2027-06-30");
  });

  it("opens each period on its first day", () => {
    expect(periodAt(rule({ every: "quarter" }), 2026, 4).opensOn).toBe("2026-10-01");
    expect(periodAt(rule({ every: "half_year" }), 2027, 2).opensOn).toBe("2027-07-01");
    expect(nextPeriod(rule({}), { year: 2026, index: 12 }).key).toBe("2027-01");
    expect(firstPeriodDueFrom(rule({}), "2026-11-21").key).toBe("2026-12");
    expect(firstPeriodDueFrom(rule({}), "2026-11-20").key).toBe("2026-11");
  });

  it("moves a deadline off a day off when asked: 20/02/2026 is in the Tết break", () => {
    const cal = new WorkCalendar();
    expect(periodAt(rule({ onDayOff: "next_working_day" }), 2026, 2, cal).dueDate).toBe("2026-02-23");
    expect(periodAt(rule({ onDayOff: "previous_working_day" }), 2026, 2, cal).dueDate).toBe("2026-02-13");
    expect(periodAt(rule({ onDayOff: "keep" }), 2026, 2, cal).dueDate).toBe("2026-02-20");
    // 20/12/2026 is a Sunday
    expect(periodAt(rule({ onDayOff: "next_working_day" }), 2026, 12, cal).dueDate).toBe("2026-12-21");
  });

  it("names periods as offices do", () => {
    expect(periodLabel({ every: "month", year: 2026, index: 11 })).toBe("tháng 11/2026");
    expect(periodLabel({ every: "quarter", year: 2026, index: 4 })).toBe("quý IV/2026");
    expect(periodLabel({ every: "half_year", year: 2026, index: 1 })).toBe("6 tháng đầu năm 2026");
    expect(periodLabel({ every: "year", year: 2027, index: 1 })).toBe("năm 2027");
    expect(periodTaskTitle("Báo cáo tình hình an ninh, trật tự", { every: "month", year: 2026, index: 2 })).toBe(
      "Báo cáo tình hình an ninh, trật tự – tháng 2/2026",
    );
  });
});
