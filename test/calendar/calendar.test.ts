/** The Vietnamese lunar calendar, public holidays and the council's working days. */
import { describe, expect, it } from "vitest";
import { hungKingsDate, lunarToSolar, solarToLunar, tetDate } from "../../src/domain/calendar/lunar.js";
import { publicHolidays } from "../../src/domain/calendar/holidays.js";
import { parseCalendarAdjustments, WorkCalendar } from "../../src/domain/calendar/work-calendar.js";

describe("lunar calendar (Hồ Ngọc Đức's algorithm, Vietnam time)", () => {
  it("gives the published Tết dates, 2026 and 2027 included", () => {
    // Published: Tết Bính Ngọ is Tuesday 17/02/2026, Tết Đinh Mùi is Saturday 06/02/2027.
    expect(tetDate(2026)).toBe("2026-02-17");
    expect(tetDate(2027)).toBe("2027-02-06");
    const published: Record<number, string> = {
      2015: "2015-02-19",
      2016: "2016-02-08",
      2017: "2017-01-28",
      2018: "2018-02-16",
      2019: "2019-02-05",
      2020: "2020-01-25",
      2021: "2021-02-12",
      2022: "2022-02-01",
      2023: "2023-01-22",
      2024: "2024-02-10",
      2025: "2025-01-29",
    };
    for (const [y, date] of Object.entries(published)) expect(tetDate(Number(y))).toBe(date);
  });

  it("is the Vietnamese calendar, not the Chinese one (UTC+7): Tết 1985 and 2007", () => {
    expect(tetDate(1985)).toBe("1985-01-21"); // China: 20/02/1985
    expect(tetDate(2007)).toBe("2007-02-17"); // China: 18/02/2007
  });

  it("gives Giỗ Tổ Hùng Vương (10/3 lunar)", () => {
    expect(hungKingsDate(2024)).toBe("2024-04-18");
    expect(hungKingsDate(2025)).toBe("2025-04-07");
    expect(hungKingsDate(2026)).toBe("2026-04-26");
    expect(hungKingsDate(2027)).toBe("2027-04-16");
  });

  it("converts both ways, leap months included", () => {
    expect(solarToLunar({ year: 2026, month: 2, day: 16 })).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(solarToLunar({ year: 2026, month: 2, day: 17 })).toEqual({ year: 2026, month: 1, day: 1, leap: false });
    // 2025 has a leap 6th month (tháng 6 nhuận from 25/07/2025).
    expect(solarToLunar({ year: 2025, month: 7, day: 25 })).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toEqual({ year: 2025, month: 7, day: 25 });
    expect(lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toBeNull();
    for (let d = 0; d < 800; d += 7) {
      const date = new Date(Date.UTC(2026, 0, 1 + d));
      const solar = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      expect(lunarToSolar(solarToLunar(solar))).toEqual(solar);
    }
  });
});

describe("public holidays", () => {
  const dates = (y: number) => publicHolidays(y).map((h) => `${h.date} ${h.kind}`);

  it("2026: Tết 16-20/02 off on weekdays, Giỗ Tổ on Sunday 26/04 compensated on Monday 27/04, Quốc khánh 1-2/09", () => {
    expect(dates(2026)).toEqual([
      "2026-01-01 new_year",
      "2026-02-15 tet",
      "2026-02-16 tet",
      "2026-02-17 tet",
      "2026-02-18 tet",
      "2026-02-19 tet",
      "2026-02-20 compensation",
      "2026-04-26 hung_kings",
      "2026-04-27 compensation",
      "2026-04-30 reunification",
      "2026-05-01 labour",
      "2026-09-01 national_day",
      "2026-09-02 national_day",
    ]);
  });

  it("2027: Tết on a Saturday gives two compensating days, 01/05 on Saturday gives Monday 03/05", () => {
    expect(dates(2027)).toEqual([
      "2027-01-01 new_year",
      "2027-02-04 tet",
      "2027-02-05 tet",
      "2027-02-06 tet",
      "2027-02-07 tet",
      "2027-02-08 tet",
      "2027-02-09 compensation",
      "2027-02-10 compensation",
      "2027-04-16 hung_kings",
      "2027-04-30 reunification",
      "2027-05-01 labour",
      "2027-05-03 compensation",
      "2027-09-02 national_day",
      "2027-09-03 national_day",
    ]);
  });

  it("works for any year (no table to run out)", () => {
    const y2060 = publicHolidays(2060);
    expect(y2060.filter((h) => h.kind === "tet")).toHaveLength(5);
    expect(y2060.some((h) => h.kind === "hung_kings")).toBe(true);
    expect(publicHolidays(2019).some((h) => h.date === "2019-09-03")).toBe(false); // the extra 2/9 day started in 2021
  });
});

describe("working days", () => {
  it("skips weekends and holidays: 5 working days from Thursday 12/02/2026 lands after Tết", () => {
    const cal = new WorkCalendar();
    // 13/02 Fri (1), then 14-22/02 weekend and Tết, 23/02 Mon (2) ... 26/02 Thu (5)
    expect(cal.addWorkingDays("2026-02-12", 5)).toBe("2026-02-26");
    expect(cal.addWorkingDays("2026-02-26", -5)).toBe("2026-02-12");
    expect(cal.isWorkingDay("2026-02-20")).toBe(false);
    expect(cal.isWorkingDay("2026-04-27")).toBe(false);
    expect(cal.isWorkingDay("2026-04-28")).toBe(true);
    expect(cal.onOrAfter("2026-04-25")).toBe("2026-04-28");
    expect(cal.onOrBefore("2026-04-27")).toBe("2026-04-24");
  });

  it("takes the office's compensating days off and working Saturdays", () => {
    const cal = new WorkCalendar({
      daysOff: [{ date: "2027-02-03", note: "Hoán đổi ngày làm việc" }],
      workingDays: [{ date: "2027-01-30", note: "Làm bù cho ngày 03/02" }],
    });
    expect(cal.isWorkingDay("2027-02-03")).toBe(false);
    expect(cal.isWorkingDay("2027-01-30")).toBe(true); // a Saturday
    expect(cal.day("2027-02-03")).toEqual({ date: "2027-02-03", off: "office_day_off", note: "Hoán đổi ngày làm việc" });
    expect(cal.yearView(2027).map((d) => d.date)).toContain("2027-01-30");
    // 3 working days from Friday 29/01/2027: Sat 30/01 (worked), Mon 01/02, Tue 02/02
    expect(cal.addWorkingDays("2027-01-29", 3)).toBe("2027-02-02");
  });

  it("refuses malformed adjustments without stopping anything", () => {
    const bad = parseCalendarAdjustments({ daysOff: [{ date: "2027-02-30" }] });
    expect(bad.adjustments).toEqual({ daysOff: [], workingDays: [] });
    expect(bad.warning).toMatch(/no such date/);
    expect(parseCalendarAdjustments(undefined).warning).toBeNull();
  });
});

describe("quiet days", () => {
  it("keeps holidays quiet all day and lets a declared working Saturday carry reminders", async () => {
    const { isAllowed, nextAllowed, DEFAULT_QUIET_POLICY } = await import("../../src/domain/time/quiet-hours.js");
    const { atLocal } = await import("../../src/domain/time/vietnam-time.js");
    const TZ = "Asia/Ho_Chi_Minh";
    const calendar = new WorkCalendar({ daysOff: [], workingDays: [{ date: "2026-02-07" }] });
    const policy = { ...DEFAULT_QUIET_POLICY, weekends: "weekend" as const, calendar };
    expect(isAllowed(atLocal("2026-02-17", "09:00", TZ), policy, TZ)).toBe(false); // mùng 1 Tết
    expect(isAllowed(atLocal("2026-02-07", "09:00", TZ), policy, TZ)).toBe(true); // a worked Saturday
    expect(isAllowed(atLocal("2026-02-14", "09:00", TZ), policy, TZ)).toBe(false); // an ordinary Saturday
    // Friday evening before Tết: the next allowed moment is Monday 23/02 at 07:00, nine days on.
    expect(nextAllowed(atLocal("2026-02-13", "22:00", TZ), policy, TZ)).toEqual(atLocal("2026-02-23", "07:00", TZ));
  });
});
