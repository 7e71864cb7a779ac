import { describe, expect, it } from "vitest";
import { planReminders, type EscalationDispatch, type ReminderDispatch } from "../../src/domain/reminders/plan-reminders.js";
import { renderEscalation, renderUnitGroupReminder, renderVicechairReminder } from "../../src/domain/reminders/render-reminders.js";
import { DEFAULT_REMINDER_SCHEDULE } from "../../src/domain/reminders/schedule.js";
import { DEFAULT_QUIET_POLICY } from "../../src/domain/time/quiet-hours.js";
import { nameList } from "../../src/i18n/vi/schedule.js";
import { htmlToPlainText } from "../../src/text/html.js";
import { TZ, at, task, units } from "./helpers.js";

function dispatchAt(now: Date, over: Parameters<typeof task>[0] = {}) {
  const p = planReminders({
    now,
    timezone: TZ,
    quiet: DEFAULT_QUIET_POLICY,
    councilSchedule: DEFAULT_REMINDER_SCHEDULE,
    tasks: [task({ units: units(3), ...over })],
    dispatched: new Set(),
  });
  return p.send;
}

function reminderAt(now: Date, over: Parameters<typeof task>[0] = {}): ReminderDispatch {
  const d = dispatchAt(now, over)[0];
  if (d?.kind !== "reminder") throw new Error("expected a reminder");
  return d;
}

describe("reminder texts", () => {
  it("posts a reminder in the unit's group before the deadline", () => {
    const d = reminderAt(at("2022-05-28", "08:00"));
    expect(htmlToPlainText(renderUnitGroupReminder(d, { timezone: TZ }))).toBe(
      [
        "NHẮC HẠN NỘP BÁO CÁO",
        "Kính gửi: Thường trực HĐND xã Phổ An.",
        "Nhiệm vụ: “Báo cáo vấn đề nổi cộm, bức xúc tại địa phương”",
        "Hạn nộp: 17:00 thứ Ba, ngày 31/5/2022 — còn 3 ngày.",
        "Chưa nhận được báo cáo của xã Phổ An. Đề nghị đồng chí Phó Chủ tịch HĐND xã Phổ An gửi báo cáo trước thời hạn bằng lệnh /baocao.",
      ].join("\n"),
    );
    expect(renderUnitGroupReminder(d, { timezone: TZ }).value).toContain("<b>“Báo cáo vấn đề nổi cộm, bức xúc tại địa phương”</b>");
  });

  it("says it is the last day on the due-day morning, and tomorrow the day before", () => {
    const dueDay = htmlToPlainText(renderUnitGroupReminder(reminderAt(at("2022-05-31", "08:00")), { timezone: TZ }));
    expect(dueDay).toContain("Hạn nộp: 17:00 thứ Ba, ngày 31/5/2022 — hạn là hôm nay.");
    expect(dueDay).toContain("Hôm nay là hạn cuối");
    const dayBefore = htmlToPlainText(renderUnitGroupReminder(reminderAt(at("2022-05-30", "08:00")), { timezone: TZ }));
    expect(dayBefore).toContain("Hạn nộp: 17:00 thứ Ba, ngày 31/5/2022 — còn 1 ngày (hạn ngày mai).");
  });

  it("says how late an overdue report is", () => {
    const d = reminderAt(at("2022-06-02", "08:00"));
    const text = htmlToPlainText(renderUnitGroupReminder(d, { timezone: TZ }));
    expect(text.split("\n")[0]).toBe("BÁO CÁO ĐÃ QUÁ HẠN");
    expect(text).toContain("Hạn nộp: 17:00 thứ Ba, ngày 31/5/2022 — quá hạn 2 ngày.");
    expect(text).toContain("khẩn trương gửi báo cáo bằng lệnh /baocao");
  });

  it("writes to the vice-chair privately in the polite register", () => {
    const d = reminderAt(at("2022-05-28", "08:00"));
    const text = htmlToPlainText(
      renderVicechairReminder(d, { name: "Nguyễn Văn An", title: "Phó Chủ tịch HĐND xã Phổ An" }, { timezone: TZ }),
    );
    expect(text).toBe(
      [
        "Kính gửi đồng chí Nguyễn Văn An, Phó Chủ tịch HĐND xã Phổ An.",
        "Nhiệm vụ “Báo cáo vấn đề nổi cộm, bức xúc tại địa phương” có hạn nộp báo cáo 17:00 thứ Ba, ngày 31/5/2022, còn 3 ngày; đến nay chưa nhận được báo cáo của xã Phổ An.",
        "Đề nghị đồng chí gửi báo cáo trước thời hạn bằng lệnh /baocao và làm theo hướng dẫn.",
        "Trân trọng.",
      ].join("\n"),
    );
    const overdue = htmlToPlainText(
      renderVicechairReminder(reminderAt(at("2022-06-01", "08:00")), { name: "Nguyễn Văn An" }, { timezone: TZ, command: "/nopbaocao" }),
    );
    expect(overdue).toContain("Kính gửi đồng chí Nguyễn Văn An.\n");
    expect(overdue).toContain("nay đã quá hạn 1 ngày nhưng chưa nhận được báo cáo của xã Phổ An.");
    expect(overdue).toContain("khẩn trương gửi báo cáo bằng lệnh /nopbaocao");
  });

  it("shows a midnight deadline as the end of the previous day", () => {
    const d = reminderAt(at("2022-05-31", "08:00"), { dueAt: at("2022-06-01", "00:00") });
    expect(htmlToPlainText(renderUnitGroupReminder(d, { timezone: TZ }))).toContain(
      "Hạn nộp: hết thứ Ba, ngày 31/5/2022 — hạn là hôm nay.",
    );
  });

  it("escapes titles and names", () => {
    const d = reminderAt(at("2022-05-28", "08:00"), { title: "Báo cáo <i>khẩn</i> & nhanh" });
    const markup = renderUnitGroupReminder(d, { timezone: TZ }).value;
    expect(markup).toContain("<b>“Báo cáo &lt;i&gt;khẩn&lt;/i&gt; &amp; nhanh”</b>");
  });
});

describe("escalation text", () => {
  it("tells the standing committee who is still missing", () => {
    const e = dispatchAt(at("2022-06-06", "08:00"), { units: units(15, { 1: at("2022-05-30", "09:00") }) }).find(
      (d): d is EscalationDispatch => d.kind === "escalation",
    )!;
    expect(htmlToPlainText(renderEscalation(e, { timezone: TZ }))).toBe(
      [
        "BÁO CÁO QUÁ HẠN CHƯA NỘP",
        "Kính gửi: Thường trực HĐND.",
        "Nhiệm vụ “Báo cáo vấn đề nổi cộm, bức xúc tại địa phương” có hạn nộp báo cáo 17:00 thứ Ba, ngày 31/5/2022, nay đã quá hạn 6 ngày.",
        "Sau hạn, hệ thống đã nhắc các đơn vị hằng ngày; đến nay còn 14/15 đơn vị chưa nộp báo cáo:",
        "các xã: Phổ Châu, Phổ Cường, Phổ Khánh, Phổ Nhơn, Phổ Phong, Phổ Thuận; các phường: Nguyễn Nghiêm, Phổ Hòa, Phổ Minh, Phổ Ninh, Phổ Quang, Phổ Thạnh, Phổ Văn, Phổ Vinh.",
        "Kính đề nghị Thường trực HĐND xem xét, chỉ đạo đôn đốc các đơn vị trên.",
      ].join("\n"),
    );
  });
});

describe("nameList", () => {
  it("groups names by unit kind and keeps others as they are", () => {
    expect(htmlToPlainText(nameList(["xã Phổ An", "phường Phổ Hòa", "xã Phổ Châu", "Ban Pháp chế"]))).toBe(
      "các xã: Phổ An, Phổ Châu; phường Phổ Hòa; Ban Pháp chế",
    );
    expect(htmlToPlainText(nameList(["Xã Phổ An", "Xã Phổ Châu"]))).toBe("các xã: Phổ An, Phổ Châu");
    expect(htmlToPlainText(nameList(["đặc khu Côn Đảo"]))).toBe("đặc khu Côn Đảo");
    expect(nameList(["xã <A>"]).value).toBe("xã &lt;A&gt;");
  });
});
