import { describe, expect, it } from "vitest";
import { atLocal } from "../../src/domain/time/vietnam-time.js";
import {
  capitalizeFirst,
  formatDate,
  formatDateTime,
  formatDeadline,
  formatLocalDate,
  formatRelativeDue,
  formatShortDate,
  formatTime,
  weekdayName,
} from "../../src/domain/time/vietnamese-format.js";
import { relativeDue } from "../../src/i18n/vi/schedule.js";

describe("Vietnamese dates", () => {
  it("names every weekday", () => {
    // 30/5/2022 is a Monday.
    const names = [30, 31, 1, 2, 3, 4, 5].map(
      (d) => formatDate(atLocal(d >= 30 ? `2022-05-${d}` : `2022-06-0${d}`, "09:00")).split(",")[0],
    );
    expect(names).toEqual(["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]);
    expect(weekdayName(7)).toBe("Chủ nhật");
  });

  it("writes dates without leading zeros, with the weekday", () => {
    expect(formatDate(atLocal("2022-05-31", "17:00"))).toBe("thứ Ba, ngày 31/5/2022");
    expect(formatLocalDate("2022-06-05")).toBe("Chủ nhật, ngày 5/6/2022");
    expect(formatShortDate(atLocal("2024-02-29", "10:00"))).toBe("29/2/2024");
    expect(formatDate(atLocal("2023-01-01", "00:00"))).toBe("Chủ nhật, ngày 1/1/2023");
  });

  it("uses the council's time zone, not UTC", () => {
    // 31/12/2022 17:30 UTC is already 1/1/2023 00:30 in Vietnam.
    expect(formatDateTime(new Date("2022-12-31T17:30:00Z"))).toBe("00:30 Chủ nhật, ngày 1/1/2023");
    expect(formatDateTime(new Date("2022-12-31T17:30:00Z"), "UTC")).toBe("17:30 thứ Bảy, ngày 31/12/2022");
  });

  it("writes times as HH:mm and date-times as time then date", () => {
    expect(formatTime(atLocal("2022-05-31", "08:05"))).toBe("08:05");
    expect(formatDateTime(atLocal("2022-05-31", "17:00"))).toBe("17:00 thứ Ba, ngày 31/5/2022");
  });

  it("shows a midnight deadline as the end of the previous day", () => {
    expect(formatDeadline(atLocal("2022-06-01", "00:00"))).toBe("hết thứ Ba, ngày 31/5/2022");
    expect(formatDeadline(atLocal("2022-05-31", "17:00"))).toBe("17:00 thứ Ba, ngày 31/5/2022");
  });

  it("capitalizes a date that starts a sentence", () => {
    expect(capitalizeFirst("thứ Ba, ngày 31/5/2022")).toBe("Thứ Ba, ngày 31/5/2022");
  });
});

describe("relative phrases", () => {
  it("says how far the deadline is", () => {
    expect(relativeDue(3).value).toBe("còn 3 ngày");
    expect(relativeDue(2).value).toBe("còn 2 ngày");
    expect(relativeDue(1).value).toBe("còn 1 ngày (hạn ngày mai)");
    expect(relativeDue(0).value).toBe("hạn là hôm nay");
    expect(relativeDue(0, true).value).toBe("đã quá hạn (hạn là hôm nay)");
    expect(relativeDue(-1).value).toBe("quá hạn 1 ngày");
    expect(relativeDue(-2).value).toBe("quá hạn 2 ngày");
  });

  it("counts calendar days in local time, not 24-hour spans", () => {
    const due = atLocal("2022-05-31", "17:00");
    expect(formatRelativeDue(atLocal("2022-05-28", "08:00"), due).value).toBe("còn 3 ngày");
    expect(formatRelativeDue(atLocal("2022-05-30", "23:59"), due).value).toBe("còn 1 ngày (hạn ngày mai)");
    expect(formatRelativeDue(atLocal("2022-05-31", "08:00"), due).value).toBe("hạn là hôm nay");
    expect(formatRelativeDue(atLocal("2022-05-31", "17:00"), due).value).toBe("hạn là hôm nay");
    expect(formatRelativeDue(atLocal("2022-05-31", "17:01"), due).value).toBe("đã quá hạn (hạn là hôm nay)");
    expect(formatRelativeDue(atLocal("2022-06-01", "08:00"), due).value).toBe("quá hạn 1 ngày");
    expect(formatRelativeDue(atLocal("2022-06-02", "08:00"), due).value).toBe("quá hạn 2 ngày");
  });

  it("reads a midnight deadline as due the day before", () => {
    const due = atLocal("2022-06-01", "00:00");
    expect(formatRelativeDue(atLocal("2022-05-30", "08:00"), due).value).toBe("còn 1 ngày (hạn ngày mai)");
    expect(formatRelativeDue(atLocal("2022-05-31", "08:00"), due).value).toBe("hạn là hôm nay");
    expect(formatRelativeDue(atLocal("2022-06-01", "08:00"), due).value).toBe("quá hạn 1 ngày");
  });

  it("crosses the year end and leap days", () => {
    expect(formatRelativeDue(atLocal("2022-12-31", "08:00"), atLocal("2023-01-02", "17:00")).value).toBe("còn 2 ngày");
    expect(formatRelativeDue(atLocal("2024-02-28", "08:00"), atLocal("2024-03-01", "17:00")).value).toBe("còn 2 ngày");
    expect(formatRelativeDue(atLocal("2023-02-28", "08:00"), atLocal("2023-03-01", "17:00")).value).toBe("còn 1 ngày (hạn ngày mai)");
  });
});
