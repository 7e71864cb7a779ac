import { describe, expect, it } from "vitest";
import {
  composeDigest,
  packMessages,
  renderDigest,
  type ComposeDigestInput,
  type DigestTaskInput,
} from "../../src/domain/digests/compose-digest.js";
import { html, htmlToPlainText } from "../../src/text/html.js";
import { COMMUNES, TZ, at } from "./helpers.js";

const NOW = at("2022-06-01", "17:00");

function sub(date: string, time: string, late = false, version = 1, receiptNo = `BC-${date}-${time}`) {
  return { submittedAt: at(date, time), late, version, receiptNo };
}

function baseInput(over: Partial<ComposeDigestInput> = {}): ComposeDigestInput {
  const overdueTask: DigestTaskInput = {
    id: 12,
    title: "Báo cáo vấn đề nổi cộm, bức xúc tại địa phương",
    dueAt: at("2022-05-31", "17:00"),
    units: COMMUNES.map((name, i) => ({
      unitId: i + 1,
      unitName: name,
      latest: i < 10 ? sub("2022-05-30", "10:00", false, i === 0 ? 2 : 1) : i === 10 ? sub("2022-06-01", "09:00", true) : null,
    })),
  };
  const upcomingTask: DigestTaskInput = {
    id: 13,
    title: "Báo cáo kết quả tiếp xúc cử tri trước kỳ họp",
    dueAt: at("2022-06-10", "00:00"),
    units: COMMUNES.slice(0, 3).map((name, i) => ({ unitId: i + 1, unitName: name, latest: i === 0 ? sub("2022-06-01", "08:00") : null })),
  };
  return {
    now: NOW,
    timezone: TZ,
    period: { from: at("2022-05-31", "17:00"), to: at("2022-06-01", "17:00") },
    kind: "daily",
    tasks: [upcomingTask, overdueTask],
    newSubmissions: [
      {
        unitName: "phường Phổ Ninh",
        taskTitle: overdueTask.title,
        submittedAt: at("2022-06-01", "09:00"),
        late: true,
        receiptNo: "BC-0042",
        version: 1,
      },
      {
        unitName: "xã Phổ An",
        taskTitle: upcomingTask.title,
        submittedAt: at("2022-06-01", "08:00"),
        late: false,
        receiptNo: "BC-0041",
        version: 1,
      },
      { unitName: "xã Phổ Châu", taskTitle: null, submittedAt: at("2022-06-01", "11:00"), late: false, receiptNo: "BC-0043", version: 2 },
      // On the boundary: belonged to the previous digest.
      {
        unitName: "xã Phổ Cường",
        taskTitle: overdueTask.title,
        submittedAt: at("2022-05-31", "17:00"),
        late: false,
        receiptNo: "BC-0040",
        version: 1,
      },
    ],
    issues: [
      {
        receiptNo: "PA-0007",
        unitName: "xã Phổ Thuận",
        category: "Bồi thường, giải phóng mặt bằng",
        urgency: "urgent",
        status: "assigned",
        createdAt: at("2022-05-20", "10:00"),
        location: "thôn Hanh Tín",
      },
      {
        receiptNo: "PA-0009",
        unitName: "phường Phổ Thạnh",
        category: "Dự án cao tốc Bắc - Nam",
        urgency: "very_urgent",
        status: "new",
        createdAt: at("2022-06-01", "07:45"),
        location: "",
      },
      {
        receiptNo: "PA-0005",
        unitName: null,
        category: "Môi trường",
        urgency: "normal",
        status: "resolved",
        createdAt: at("2022-05-15", "10:00"),
        location: "bãi rác",
      },
    ],
    noticeGaps: [
      {
        noticeId: 3,
        title: "Thông báo kết luận số 12/TB-HĐND",
        publishedAt: at("2022-05-28", "09:00"),
        missingUnitNames: ["xã Phổ Khánh", "phường Phổ Vinh"],
      },
      { noticeId: 4, title: "Kế hoạch giám sát", publishedAt: at("2022-05-29", "09:00"), missingUnitNames: [] },
    ],
    ...over,
  };
}

describe("composeDigest", () => {
  it("sorts each task's units into on time, late, missing not yet due, and overdue", () => {
    const c = composeDigest(baseInput());
    expect(c.tasks.map((t) => t.id)).toEqual([12, 13]);
    const [overdue, upcoming] = c.tasks;
    expect(overdue).toMatchObject({ overdue: true, daysLeft: -1, totalUnits: 15 });
    expect(overdue!.onTime).toHaveLength(10);
    expect(overdue!.late.map((u) => u.unitName)).toEqual(["phường Phổ Ninh"]);
    expect(overdue!.missingNotDue).toEqual([]);
    expect(overdue!.missingOverdue.map((u) => u.unitId)).toEqual([12, 13, 14, 15]);
    expect(upcoming).toMatchObject({ overdue: false, daysLeft: 8 });
    expect(upcoming!.missingNotDue.map((u) => u.unitName)).toEqual(["xã Phổ Châu", "xã Phổ Cường"]);
    expect(c.totals).toEqual({ tasks: 2, overdueMissing: 4, newSubmissions: 3, openIssues: 2, noticeGaps: 1 });
  });

  it("counts new reports in (from, to], grouped by task", () => {
    const c = composeDigest(baseInput());
    expect(c.newSubmissions.total).toBe(3);
    expect(c.newSubmissions.late).toBe(1);
    expect(c.newSubmissions.groups.map((g) => [g.taskTitle, g.items.length])).toEqual([
      ["Báo cáo kết quả tiếp xúc cử tri trước kỳ họp", 1],
      ["Báo cáo vấn đề nổi cộm, bức xúc tại địa phương", 1],
      [null, 1],
    ]);
  });

  it("lists open issues most urgent first and counts the new ones", () => {
    const c = composeDigest(baseInput());
    expect(c.issues.open.map((i) => i.receiptNo)).toEqual(["PA-0009", "PA-0007"]);
    expect(c.issues).toMatchObject({ newInPeriod: 1, openVeryUrgent: 1, openUrgent: 1 });
  });

  it("judges a task at exactly its deadline as not yet overdue", () => {
    const c = composeDigest(baseInput({ now: at("2022-05-31", "17:00") }));
    expect(c.tasks[0]).toMatchObject({ overdue: false, daysLeft: 0 });
    expect(c.tasks[0]!.missingNotDue).toHaveLength(4);
  });
});

describe("renderDigest", () => {
  it("writes a polite, counted digest in Vietnamese", () => {
    const [message, ...rest] = renderDigest(composeDigest(baseInput()));
    expect(rest).toEqual([]);
    expect(message!.value).toContain("<b>TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY</b>");
    const text = htmlToPlainText(message!);
    expect(text).toBe(
      [
        "TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY",
        "Kỳ tổng hợp: từ 17:00 thứ Ba, ngày 31/5/2022 đến 17:00 thứ Tư, ngày 1/6/2022.",
        "Kính gửi: Thường trực HĐND.",
        "Xin tổng hợp tình hình thực hiện chế độ báo cáo và các vấn đề phát sinh như sau:",
        "Tóm tắt: 2 nhiệm vụ báo cáo đang theo dõi; 4 lượt đơn vị quá hạn chưa nộp; 3 báo cáo mới; 2 vấn đề nổi cộm đang chờ xử lý; 1 thông báo còn đơn vị chưa xác nhận.",
        "",
        "1. Nhiệm vụ báo cáo đang theo dõi: 2",
        "",
        "1.1. Báo cáo vấn đề nổi cộm, bức xúc tại địa phương",
        "Hạn nộp: 17:00 thứ Ba, ngày 31/5/2022 — quá hạn 1 ngày. Đã nộp 11/15 đơn vị.",
        "• Đã nộp đúng hạn: 10/15 — các xã: Phổ An, Phổ Châu, Phổ Cường, Phổ Khánh, Phổ Nhơn, Phổ Phong, Phổ Thuận; các phường: Nguyễn Nghiêm, Phổ Hòa, Phổ Minh.",
        "• Nộp muộn: 1/15 — phường Phổ Ninh.",
        "• Quá hạn, chưa nộp: 4/15 — các phường: Phổ Quang, Phổ Thạnh, Phổ Văn, Phổ Vinh.",
        "",
        "1.2. Báo cáo kết quả tiếp xúc cử tri trước kỳ họp",
        "Hạn nộp: hết thứ Năm, ngày 9/6/2022 — còn 8 ngày. Đã nộp 1/3 đơn vị.",
        "• Đã nộp đúng hạn: 1/3 — xã Phổ An.",
        "• Chưa nộp (chưa đến hạn): 2/3 — các xã: Phổ Châu, Phổ Cường.",
        "",
        "2. Báo cáo mới nhận trong kỳ: 3",
        "• “Báo cáo kết quả tiếp xúc cử tri trước kỳ họp”: 1 báo cáo — xã Phổ An (số BC-0041).",
        "• “Báo cáo vấn đề nổi cộm, bức xúc tại địa phương”: 1 báo cáo (1 nộp muộn) — phường Phổ Ninh (số BC-0042, muộn).",
        "• Báo cáo ngoài nhiệm vụ được giao: 1 báo cáo — xã Phổ Châu (số BC-0043, lần 2).",
        "",
        "3. Vấn đề nổi cộm, bức xúc",
        "Mới phát sinh trong kỳ: 1; đang chờ xử lý: 2 (rất khẩn: 1, khẩn: 1).",
        "• [Rất khẩn] Số PA-0009 — phường Phổ Thạnh — Dự án cao tốc Bắc - Nam: chưa tiếp nhận (nhận 1/6/2022).",
        "• [Khẩn] Số PA-0007 — xã Phổ Thuận — Bồi thường, giải phóng mặt bằng, tại thôn Hanh Tín: đã chuyển Ban (nhận 20/5/2022).",
        "",
        "4. Thông báo chưa được xác nhận đã nhận: 1",
        "• “Thông báo kết luận số 12/TB-HĐND” (ban hành 28/5/2022): 2 đơn vị chưa xác nhận — xã Phổ Khánh; phường Phổ Vinh.",
        "",
        "Trân trọng.",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to report, and shows the moment of an on-demand digest", () => {
    const c = composeDigest(baseInput({ kind: "on_demand", tasks: [], newSubmissions: [], issues: [], noticeGaps: [] }));
    const text = htmlToPlainText(renderDigest(c)[0]!);
    expect(text).toContain("TỔNG HỢP TÌNH HÌNH BÁO CÁO\n");
    expect(text).toContain("Số liệu tính đến 17:00 thứ Tư, ngày 1/6/2022.");
    expect(text).toContain("Hiện không có nhiệm vụ báo cáo nào đang theo dõi.");
    expect(text).toContain("Không có báo cáo mới trong kỳ.");
    expect(text).toContain("Không có vấn đề mới phát sinh; không có vấn đề đang chờ xử lý.");
    expect(text).not.toContain("Thông báo chưa được xác nhận");
  });

  it("escapes names and titles", () => {
    const input = baseInput();
    const c = composeDigest({ ...input, tasks: [{ ...input.tasks[0]!, title: 'Báo cáo <script> & "kiểm tra"' }] });
    const [m] = renderDigest(c);
    expect(m!.value).toContain("Báo cáo &lt;script&gt; &amp; &quot;kiểm tra&quot;");
    expect(m!.value).not.toContain("<script>");
  });

  it("stays readable for 100 units: counts first, on-time names omitted, split into messages under the limit", () => {
    const names = Array.from({ length: 100 }, (_, i) => `xã Thử Nghiệm Số ${i + 1}`);
    const tasks: DigestTaskInput[] = Array.from({ length: 4 }, (_, k) => ({
      id: k + 1,
      title: `Báo cáo chuyên đề số ${k + 1}`,
      dueAt: at("2022-05-31", "17:00"),
      units: names.map((unitName, i) => ({
        unitId: i + 1,
        unitName,
        latest: i < 60 ? sub("2022-05-30", "10:00") : i < 70 ? sub("2022-06-01", "08:00", true) : null,
      })),
    }));
    const newSubmissions = names.map((unitName, i) => ({
      unitName,
      taskTitle: "Báo cáo chuyên đề số 1",
      submittedAt: at("2022-06-01", "08:00"),
      late: true,
      receiptNo: `BC-${1000 + i}`,
      version: 1,
    }));
    const c = composeDigest(baseInput({ tasks, newSubmissions, noticeGaps: [] }));
    const messages = renderDigest(c, { maxChars: 3500 });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.value.length).toBeLessThanOrEqual(3500);
    const text = messages.map((m) => htmlToPlainText(m)).join("\n");
    expect(text).toContain("• Đã nộp đúng hạn: 60/100.\n");
    expect(text).toContain("• Nộp muộn: 10/100 — các xã: Thử Nghiệm Số 61, ");
    expect(text).toContain("• Quá hạn, chưa nộp: 30/100 — các xã: Thử Nghiệm Số 71, ");
    expect(text).toContain("100 báo cáo (100 nộp muộn)");
    expect(text).toContain("và 60 báo cáo khác");
    expect(htmlToPlainText(messages[1]!)).toMatch(/^\(tiếp theo, phần 2\/\d\)/);
    // Each message is well-formed: tags balanced.
    for (const m of messages) {
      expect((m.value.match(/<b>/g) ?? []).length).toBe((m.value.match(/<\/b>/g) ?? []).length);
    }
    // Nothing lost: every missing unit is named somewhere.
    for (let i = 71; i <= 100; i++) expect(text).toMatch(new RegExp(`Thử Nghiệm Số ${i}[,.]`));
  });
});

describe("packMessages", () => {
  it("splits a very long list between items, never inside markup", () => {
    const names = Array.from({ length: 300 }, (_, i) => `Đơn vị ${i + 1}`);
    const block = html`<b>Quá hạn:</b> ${names.join(", ")}.`;
    const parts = packMessages([block], 1000);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.value.length).toBeLessThanOrEqual(1000);
      expect((p.value.match(/<b>/g) ?? []).length).toBe((p.value.match(/<\/b>/g) ?? []).length);
    }
    const joined = parts.map((p) => htmlToPlainText(p)).join(" ");
    for (const n of ["Đơn vị 1,", "Đơn vị 150,", "Đơn vị 300."]) expect(joined).toContain(n);
  });

  it("keeps a short digest in one message", () => {
    expect(packMessages([html`a`, html`b`], 3500).map((m) => m.value)).toEqual(["a\n\nb"]);
  });
});
