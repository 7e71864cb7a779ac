import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  holidaysOfYear,
  isPublicHoliday,
  isWorkingDay,
  parseRoman,
  parseVietnameseNumberWords,
} from "../../src/notices/parsing/index.js";
import { parseCount, parseQuarter } from "../../src/notices/parsing/numbers.js";
import { publicHolidays } from "../../src/domain/calendar/holidays.js";
import { addMonths, lastDayOfMonth, parseWrittenDate } from "../../src/notices/parsing/vietnamese-dates.js";

describe("Vietnamese public holidays", () => {
  it("knows the fixed holidays and the lunar ones", () => {
    expect(isPublicHoliday({ y: 2024, m: 1, d: 1 })).toBe(true);
    expect(isPublicHoliday({ y: 2024, m: 4, d: 18 })).toBe(true); // Giỗ Tổ 10/3 lunar
    expect(isPublicHoliday({ y: 2024, m: 4, d: 30 })).toBe(true);
    expect(isPublicHoliday({ y: 2024, m: 5, d: 1 })).toBe(true);
    expect(isPublicHoliday({ y: 2024, m: 9, d: 2 })).toBe(true);
    expect(isPublicHoliday({ y: 2024, m: 9, d: 3 })).toBe(true); // the extra Quốc khánh day since 2021
    expect(isPublicHoliday({ y: 2024, m: 5, d: 2 })).toBe(false);
  });

  it("gives the Tết weekdays off of recent years", () => {
    const weekdaysOff = (y: number, from: string, to: string) =>
      [...holidaysOfYear(y)].filter((d) => d >= from && d <= to && isWorkingDayIgnoringHolidays(d)).sort();
    expect(weekdaysOff(2024, "2024-02-01", "2024-02-29")).toEqual(["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"]);
    expect(weekdaysOff(2025, "2025-01-20", "2025-02-10")).toEqual(["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]);
    expect(weekdaysOff(2021, "2021-02-01", "2021-02-28")).toEqual(["2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16"]);
  });

  it("uses the Vietnamese (UTC+7) lunar calendar: Tết 2030 is 02/02", () => {
    expect(isPublicHoliday({ y: 2030, m: 2, d: 2 })).toBe(true);
  });

  it("reads the same holidays as the reminders, for any year (one source: src/domain/calendar)", () => {
    expect(isPublicHoliday({ y: 2031, m: 1, d: 23 })).toBe(true); // mùng 1 Tết 2031
    expect(isPublicHoliday({ y: 2035, m: 2, d: 8 })).toBe(true); // mùng 1 Tết 2035
    for (const y of [2015, 2024, 2031, 2040]) {
      expect([...holidaysOfYear(y)].sort()).toEqual(publicHolidays(y).map((h) => h.date));
    }
  });

  it("gives a compensatory day for a holiday on a weekend", () => {
    // 01/5/2021 was a Saturday: Monday 03/5 off
    expect(isPublicHoliday({ y: 2021, m: 5, d: 3 })).toBe(true);
    expect(isWorkingDay({ y: 2021, m: 5, d: 3 })).toBe(false);
  });

  it("counts working days (README: 30 working days from 08/4/2021 is 25/5/2021)", () => {
    expect(addWorkingDays({ y: 2021, m: 4, d: 8 }, 30)).toEqual({ y: 2021, m: 5, d: 25 });
    expect(addWorkingDays({ y: 2022, m: 5, d: 6 }, 1)).toEqual({ y: 2022, m: 5, d: 9 }); // Friday + 1 → Monday
  });
});

function isWorkingDayIgnoringHolidays(iso: string): boolean {
  const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

describe("numbers", () => {
  it.each([
    ["một", 1],
    ["mười", 10],
    ["mười lăm", 15],
    ["hai mươi", 20],
    ["hai mươi mốt", 21],
    ["hai mươi tư", 24],
    ["ba mươi", 30],
    ["chín mươi chín", 99],
    ["một trăm", 100],
    ["một trăm linh năm", 105],
  ])("%s = %d", (words, n) => {
    expect(parseVietnameseNumberWords(words)).toBe(n);
  });

  it("rejects words that are not numbers and prefers digits", () => {
    expect(parseVietnameseNumberWords("ngày")).toBeNull();
    expect(parseCount("mười lăm (15)")).toBe(15);
    expect(parseCount("03")).toBe(3);
  });

  it("reads Roman numerals and quarter names", () => {
    expect(parseRoman("IV")).toBe(4);
    expect(parseRoman("XII")).toBe(12);
    expect(parseRoman("ABC")).toBeNull();
    expect(["I", "II", "III", "IV", "1", "4", "một", "hai", "ba", "tư", "bốn"].map(parseQuarter)).toEqual([
      1, 2, 3, 4, 1, 4, 1, 2, 3, 4, 4,
    ]);
    expect(parseQuarter("V")).toBeNull();
  });
});

describe("written dates", () => {
  it.each([
    ["20/5/2022", { d: 20, m: 5, y: 2022 }],
    ["20-5-2022", { d: 20, m: 5, y: 2022 }],
    ["20.5.2022", { d: 20, m: 5, y: 2022 }],
    ["20/5/22", { d: 20, m: 5, y: 2022 }],
    ["20/5", { d: 20, m: 5, y: null }],
    ["20 tháng 5 năm 2022", { d: 20, m: 5, y: 2022 }],
    ["20 tháng 5", { d: 20, m: 5, y: null }],
    ["29/2", { d: 29, m: 2, y: null }],
  ])("%s", (text, expected) => {
    expect(parseWrittenDate(text)).toEqual(expected);
  });

  it("reads “mồng 5 tháng 6”", () => {
    expect(parseWrittenDate("mồng 5 tháng 6")).toEqual({ d: 5, m: 6, y: null });
    expect(parseWrittenDate("mùng 10 tháng 2 năm 2024")).toEqual({ d: 10, m: 2, y: 2024 });
  });

  it("rejects impossible dates and mixed separators", () => {
    expect(parseWrittenDate("31/4/2022")).toBeNull();
    expect(parseWrittenDate("29/2/2023")).toBeNull();
    expect(parseWrittenDate("12/17/2022")).toBeNull();
    expect(parseWrittenDate("20/5-2022")).toBeNull();
  });

  it("does month arithmetic", () => {
    expect(lastDayOfMonth(2024, 2)).toBe(29);
    expect(addMonths({ y: 2022, m: 1, d: 31 }, 1)).toEqual({ y: 2022, m: 2, d: 28 });
  });
});
