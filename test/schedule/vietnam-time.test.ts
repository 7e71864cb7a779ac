import { describe, expect, it } from "vitest";
import { htmlToPlainText } from "../../src/text/html.js";
import {
  addDaysLocal,
  addLocalDays,
  atLocal,
  daysBetween,
  daysLeft,
  deadlineDate,
  endOfLocalDay,
  isoWeekKey,
  isValidTimeZone,
  localDateOf,
  localParts,
  localTimeOf,
  localWeekday,
  parseUserDate,
  parseUserTime,
  startOfLocalDay,
  weekdayOf,
} from "../../src/domain/time/vietnam-time.js";

describe("local dates and instants in Asia/Ho_Chi_Minh", () => {
  it("converts a local date and time to the instant (UTC+7, no daylight saving)", () => {
    expect(atLocal("2022-05-31", "17:00").toISOString()).toBe("2022-05-31T10:00:00.000Z");
    expect(atLocal("2022-01-01").toISOString()).toBe("2021-12-31T17:00:00.000Z");
    expect(atLocal("2022-07-01", "07:00").toISOString()).toBe("2022-07-01T00:00:00.000Z");
  });

  it("gives the local date of an instant, which differs from the UTC date after 17:00 UTC", () => {
    expect(localDateOf(new Date("2022-12-31T16:59:59.999Z"))).toBe("2022-12-31");
    expect(localDateOf(new Date("2022-12-31T17:00:00.000Z"))).toBe("2023-01-01");
    expect(localTimeOf(new Date("2022-12-31T17:05:00.000Z"))).toBe("00:05");
  });

  it("starts and ends local days", () => {
    const noon = atLocal("2024-02-29", "12:00");
    expect(startOfLocalDay(noon).toISOString()).toBe("2024-02-28T17:00:00.000Z");
    expect(endOfLocalDay(noon).toISOString()).toBe("2024-02-29T16:59:59.999Z");
  });

  it("adds calendar days across month ends, the year end and leap days", () => {
    expect(addLocalDays("2022-05-31", 1)).toBe("2022-06-01");
    expect(addLocalDays("2022-12-31", 1)).toBe("2023-01-01");
    expect(addLocalDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addLocalDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addLocalDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addLocalDays("2022-01-01", -1)).toBe("2021-12-31");
    expect(localDateOf(addDaysLocal(atLocal("2022-12-30", "08:00"), 3))).toBe("2023-01-02");
    expect(localTimeOf(addDaysLocal(atLocal("2022-12-30", "08:00"), 3))).toBe("08:00");
  });

  it("counts days between local dates", () => {
    expect(daysBetween("2022-05-28", "2022-05-31")).toBe(3);
    expect(daysBetween("2022-05-31", "2022-05-28")).toBe(-3);
    expect(daysBetween("2023-12-31", "2024-03-01")).toBe(61);
    expect(daysBetween("2022-12-31", "2023-03-01")).toBe(60);
  });

  it("knows weekdays (ISO: 1 = Monday, 7 = Sunday)", () => {
    expect(weekdayOf("2022-05-31")).toBe(2); // thứ Ba
    expect(weekdayOf("2022-06-05")).toBe(7); // Chủ nhật
    expect(weekdayOf("2024-02-29")).toBe(4); // thứ Năm
    expect(localWeekday(new Date("2022-06-04T17:30:00Z"))).toBe(7); // 00:30 Sunday local
    expect(localParts(atLocal("2022-05-31", "17:45")).hour).toBe(17);
  });

  it("names ISO weeks, including weeks that straddle New Year", () => {
    expect(isoWeekKey("2022-05-30")).toBe("2022-W22");
    expect(isoWeekKey("2021-01-03")).toBe("2020-W53");
    expect(isoWeekKey("2021-01-04")).toBe("2021-W01");
    expect(isoWeekKey("2024-12-30")).toBe("2025-W01");
    expect(isoWeekKey("2023-01-01")).toBe("2022-W52");
  });

  it("treats a 00:00 deadline as the end of the previous day", () => {
    expect(deadlineDate(atLocal("2022-06-01", "00:00"))).toBe("2022-05-31");
    expect(deadlineDate(atLocal("2022-05-31", "17:00"))).toBe("2022-05-31");
    expect(deadlineDate(atLocal("2022-06-01", "00:01"))).toBe("2022-06-01");
    expect(deadlineDate(atLocal("2023-01-01", "00:00"))).toBe("2022-12-31");
    expect(daysLeft(atLocal("2022-05-28", "08:00"), atLocal("2022-05-31", "17:00"))).toBe(3);
    expect(daysLeft(atLocal("2022-06-02", "08:00"), atLocal("2022-05-31", "17:00"))).toBe(-2);
    expect(daysLeft(atLocal("2022-05-31", "08:00"), atLocal("2022-06-01", "00:00"))).toBe(0);
  });

  it("validates time zones", () => {
    expect(isValidTimeZone("Asia/Ho_Chi_Minh")).toBe(true);
    expect(isValidTimeZone("Asia/Hanoi")).toBe(false);
    expect(() => atLocal("2022-05-31", "17:00", "Mars/Olympus")).toThrow(RangeError);
    expect(() => atLocal("2022-02-30", "17:00")).toThrow(RangeError);
    expect(() => atLocal("2022-05-31", "24:00")).toThrow(RangeError);
  });
});

describe("parsing dates people type", () => {
  it.each([
    ["31/5/2022", "2022-05-31"],
    ["31/05/2022", "2022-05-31"],
    ["2022-05-31", "2022-05-31"],
    ["31-5-2022", "2022-05-31"],
    ["31.5.2022", "2022-05-31"],
    ["  ngày 31/5/2022 ", "2022-05-31"],
    ["Ngày 1/6/2022.", "2022-06-01"],
    ["31/5/22", "2022-05-31"],
    ["31 tháng 5 năm 2022", "2022-05-31"],
    ["29/2/2024", "2024-02-29"],
    ["1/1/2023", "2023-01-01"],
  ])("%s is %s", (input, expected) => {
    expect(parseUserDate(input)).toEqual({ ok: true, value: expected });
  });

  it("uses the default year only when asked", () => {
    expect(parseUserDate("31/5", { defaultYear: 2022 })).toEqual({ ok: true, value: "2022-05-31" });
    const r = parseUserDate("31/5");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("missing-year");
      expect(htmlToPlainText(r.message)).toBe("Ngày 31/5 chưa có năm. Đề nghị đồng chí nhập đủ ngày/tháng/năm, ví dụ 31/5/2022.");
    }
  });

  it.each([["30/02/2022"], ["29/2/2023"], ["31/4/2022"], ["31/4"], ["1/13/2022"], ["0/5/2022"], ["2022-02-30"], ["32/1/2022"]])(
    "refuses %s, a date that does not exist",
    (input) => {
      const r = parseUserDate(input, { defaultYear: 2022 });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe("does-not-exist");
        expect(htmlToPlainText(r.message)).toContain("không tồn tại");
      }
    },
  );

  it("says so in polite Vietnamese, echoing what was typed", () => {
    const r = parseUserDate("30/02/2022");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(htmlToPlainText(r.message)).toBe(
        "Ngày 30/02/2022 không tồn tại. Đề nghị đồng chí nhập lại theo dạng ngày/tháng/năm, ví dụ 31/5/2022.",
      );
    }
  });

  it("refuses what it cannot read, and escapes it in the message", () => {
    const r = parseUserDate("<b>mai</b>");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("unreadable");
      expect(r.message.value).toContain("&lt;b&gt;mai&lt;/b&gt;");
    }
    for (const bad of ["", "   ", "31/5-2022", "5/31/2022/1", "abc", "31//2022"]) {
      expect(parseUserDate(bad).ok).toBe(false);
    }
    const y = parseUserDate("31/5/1890");
    expect(y.ok === false && y.code).toBe("year-out-of-range");
  });
});

describe("parsing times people type", () => {
  it.each([
    ["17:00", "17:00"],
    ["17h", "17:00"],
    ["17h30", "17:30"],
    ["17H30", "17:30"],
    ["8 giờ", "08:00"],
    ["8 giờ 30", "08:30"],
    ["8 giờ 30 phút", "08:30"],
    ["8g15", "08:15"],
    ["7.30", "07:30"],
    ["5 giờ chiều", "17:00"],
    ["8 giờ tối", "20:00"],
    ["9h sáng", "09:00"],
    ["12 giờ trưa", "12:00"],
    ["0:00", "00:00"],
    ["23:59", "23:59"],
  ])("%s is %s", (input, expected) => {
    expect(parseUserTime(input)).toEqual({ ok: true, value: expected });
  });

  it.each([["25:00"], ["17:60"], ["24h"], ["13 giờ sáng"]])("refuses %s", (input) => {
    const r = parseUserTime(input);
    expect(r.ok === false && r.code).toBe("does-not-exist");
  });

  it.each([["17"], ["chiều"], ["17:0"], ["abc"], [""]])("cannot read %j", (input) => {
    expect(parseUserTime(input).ok).toBe(false);
  });

  it("explains the expected form", () => {
    const r = parseUserTime("25:00");
    expect(r.ok === false && htmlToPlainText(r.message)).toBe(
      "Giờ 25:00 không hợp lệ. Đề nghị đồng chí nhập lại theo dạng giờ:phút, ví dụ 17:00 hoặc 17h30.",
    );
  });
});
