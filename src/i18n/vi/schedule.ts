/**
 * Every Vietnamese sentence produced by reminders, escalations, digests and date/time input checks.
 *
 * These functions only choose words: they take plain values (numbers, names, dates already formatted by
 * `domain/time/vietnamese-format.ts`) and return SafeHtml, so every interpolated value is escaped.
 * The register is the one used between officials: "Kính gửi ...", "Đề nghị đồng chí ...".
 */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";

/** The command a unit uses to submit a report. */
export const SUBMIT_COMMAND = "/baocao";

const DATE_EXAMPLE = "31/5/2022";
const TIME_EXAMPLE = "17:00 hoặc 17h30";

// ---------------------------------------------------------------------------------------------------
// Date and time typed by a person

export const dateInput = {
  empty: (): SafeHtml => html`Đề nghị đồng chí nhập ngày theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`,
  unreadable: (input: string): SafeHtml =>
    html`Không đọc được ngày “${input}”. Đề nghị đồng chí nhập theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`,
  doesNotExist: (input: string): SafeHtml =>
    html`Ngày ${input} không tồn tại. Đề nghị đồng chí nhập lại theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`,
  missingYear: (input: string): SafeHtml =>
    html`Ngày ${input} chưa có năm. Đề nghị đồng chí nhập đủ ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`,
  yearOutOfRange: (input: string): SafeHtml =>
    html`Năm của ngày ${input} không hợp lệ. Đề nghị đồng chí nhập lại theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`,
};

export const timeInput = {
  empty: (): SafeHtml => html`Đề nghị đồng chí nhập giờ theo dạng giờ:phút, ví dụ ${TIME_EXAMPLE}.`,
  unreadable: (input: string): SafeHtml =>
    html`Không đọc được giờ “${input}”. Đề nghị đồng chí nhập theo dạng giờ:phút, ví dụ ${TIME_EXAMPLE}.`,
  doesNotExist: (input: string): SafeHtml =>
    html`Giờ ${input} không hợp lệ. Đề nghị đồng chí nhập lại theo dạng giờ:phút, ví dụ ${TIME_EXAMPLE}.`,
};

// ---------------------------------------------------------------------------------------------------
// Relative phrases

/**
 * How far the deadline is, in calendar days of the council's time zone.
 * `daysLeft` = deadline day minus today (negative when overdue); `pastDue` says the deadline moment has
 * passed (only matters on the deadline day itself, after the deadline hour).
 *
 * "còn 3 ngày", "còn 1 ngày (hạn ngày mai)", "hạn là hôm nay", "đã quá hạn (hạn là hôm nay)", "quá hạn 2 ngày".
 */
export function relativeDue(daysLeft: number, pastDue = false): SafeHtml {
  if (daysLeft >= 2) return html`còn ${daysLeft} ngày`;
  if (daysLeft === 1) return html`còn 1 ngày (hạn ngày mai)`;
  if (daysLeft === 0) return pastDue ? html`đã quá hạn (hạn là hôm nay)` : html`hạn là hôm nay`;
  return html`quá hạn ${-daysLeft} ngày`;
}

// ---------------------------------------------------------------------------------------------------
// Reminders

export interface ReminderTextInput {
  taskTitle: string;
  unitName: string;
  /** The deadline as formatted by `formatDeadline`, e.g. "17:00 thứ Ba, ngày 31/5/2022". */
  deadline: string;
  /** Deadline day minus today, in local calendar days (negative when overdue). */
  daysLeft: number;
  /** True once the deadline moment has passed. */
  pastDue: boolean;
  /** Defaults to /baocao. */
  command?: string;
}

/** Reminder posted in a unit's group chat (every member of the unit's group reads it). */
export function unitGroupReminder(i: ReminderTextInput): SafeHtml {
  const cmd = i.command ?? SUBMIT_COMMAND;
  const overdue = i.daysLeft < 0 || i.pastDue;
  const lines: SafeHtml[] = [
    overdue ? html`<b>BÁO CÁO ĐÃ QUÁ HẠN</b>` : html`<b>NHẮC HẠN NỘP BÁO CÁO</b>`,
    html`Kính gửi: Thường trực HĐND ${unitInText(i.unitName)}.`,
    html`Nhiệm vụ: <b>“${i.taskTitle}”</b>`,
    html`Hạn nộp: ${i.deadline} — ${relativeDue(i.daysLeft, i.pastDue)}.`,
    overdue
      ? html`Đến nay chưa nhận được báo cáo của ${unitInText(i.unitName)}. Đề nghị đồng chí Phó Chủ tịch HĐND ${unitInText(i.unitName)} khẩn trương gửi báo cáo bằng lệnh ${cmd}.`
      : i.daysLeft === 0
        ? html`Hôm nay là hạn cuối, chưa nhận được báo cáo của ${unitInText(i.unitName)}. Đề nghị đồng chí Phó Chủ tịch HĐND ${unitInText(i.unitName)} gửi báo cáo trước thời hạn bằng lệnh ${cmd}.`
        : html`Chưa nhận được báo cáo của ${unitInText(i.unitName)}. Đề nghị đồng chí Phó Chủ tịch HĐND ${unitInText(i.unitName)} gửi báo cáo trước thời hạn bằng lệnh ${cmd}.`,
  ];
  return joinHtml(lines);
}

export interface PrivateReminderTextInput extends ReminderTextInput {
  /** Full name, e.g. "Nguyễn Văn An". */
  recipientName: string;
  /** Optional position, e.g. "Phó Chủ tịch HĐND xã Phổ An". */
  recipientTitle?: string | null;
}

/** Reminder sent privately to a unit's vice-chair. */
export function vicechairReminder(i: PrivateReminderTextInput): SafeHtml {
  const cmd = i.command ?? SUBMIT_COMMAND;
  const overdue = i.daysLeft < 0 || i.pastDue;
  const greeting = i.recipientTitle
    ? html`Kính gửi đồng chí ${i.recipientName}, ${i.recipientTitle}.`
    : html`Kính gửi đồng chí ${i.recipientName}.`;
  const body = overdue
    ? html`Nhiệm vụ <b>“${i.taskTitle}”</b> có hạn nộp báo cáo ${i.deadline}, nay đã ${relativeDue(i.daysLeft, i.pastDue)} nhưng chưa nhận được báo cáo của ${unitInText(i.unitName)}.`
    : html`Nhiệm vụ <b>“${i.taskTitle}”</b> có hạn nộp báo cáo ${i.deadline}, ${relativeDue(i.daysLeft, i.pastDue)}; đến nay chưa nhận được báo cáo của ${unitInText(i.unitName)}.`;
  const ask = overdue
    ? html`Đề nghị đồng chí khẩn trương gửi báo cáo bằng lệnh ${cmd} và làm theo hướng dẫn.`
    : html`Đề nghị đồng chí gửi báo cáo trước thời hạn bằng lệnh ${cmd} và làm theo hướng dẫn.`;
  return joinHtml([greeting, body, ask, html`Trân trọng.`]);
}

// ---------------------------------------------------------------------------------------------------
// Escalation to the standing committee

export interface EscalationTextInput {
  taskTitle: string;
  deadline: string;
  daysOverdue: number;
  /** How many days units were reminded after the deadline (0: none). */
  overdueReminderDays: number;
  totalUnits: number;
  missingUnitNames: readonly string[];
}

export function escalationToStanding(i: EscalationTextInput): SafeHtml {
  const missing = i.missingUnitNames.length;
  const lines: SafeHtml[] = [
    html`<b>BÁO CÁO QUÁ HẠN CHƯA NỘP</b>`,
    html`Kính gửi: Thường trực HĐND.`,
    html`Nhiệm vụ <b>“${i.taskTitle}”</b> có hạn nộp báo cáo ${i.deadline}, nay đã ${relativeDue(-Math.max(1, i.daysOverdue), true)}.`,
    i.overdueReminderDays > 0
      ? html`Sau hạn, hệ thống đã nhắc các đơn vị hằng ngày; đến nay còn <b>${missing}/${i.totalUnits}</b> đơn vị chưa nộp báo cáo:`
      : html`Đến nay còn <b>${missing}/${i.totalUnits}</b> đơn vị chưa nộp báo cáo:`,
    html`${nameList(i.missingUnitNames)}.`,
    html`Kính đề nghị Thường trực HĐND xem xét, chỉ đạo đôn đốc các đơn vị trên.`,
  ];
  return joinHtml(lines);
}

// ---------------------------------------------------------------------------------------------------
// Digests

export type DigestKindText = "daily" | "weekly" | "on_demand";

export const digest = {
  title: (kind: DigestKindText): SafeHtml =>
    kind === "daily"
      ? html`<b>TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY</b>`
      : kind === "weekly"
        ? html`<b>TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG TUẦN</b>`
        : html`<b>TỔNG HỢP TÌNH HÌNH BÁO CÁO</b>`,
  /** `from`/`to`/`asOf` are formatted date-times. */
  period: (from: string, to: string): SafeHtml => html`<i>Kỳ tổng hợp: từ ${from} đến ${to}.</i>`,
  asOf: (asOf: string): SafeHtml => html`<i>Số liệu tính đến ${asOf}.</i>`,
  greeting: (): SafeHtml => html`Kính gửi: Thường trực HĐND.`,
  overview: (o: { tasks: number; overdueMissing: number; newSubmissions: number; openIssues: number; noticeGaps: number }): SafeHtml => {
    const parts: SafeHtml[] = [
      html`${o.tasks} nhiệm vụ báo cáo đang theo dõi`,
      o.overdueMissing > 0 ? html`<b>${n(o.overdueMissing)} lượt đơn vị quá hạn chưa nộp</b>` : html`không có đơn vị quá hạn chưa nộp`,
      html`${n(o.newSubmissions)} báo cáo mới`,
      html`${o.openIssues} vấn đề nổi cộm đang chờ xử lý`,
    ];
    if (o.noticeGaps > 0) parts.push(html`${o.noticeGaps} thông báo còn đơn vị chưa xác nhận`);
    return html`Tóm tắt: ${joinHtml(parts, "; ")}.`;
  },
  intro: (): SafeHtml => html`Xin tổng hợp tình hình thực hiện chế độ báo cáo và các vấn đề phát sinh như sau:`,
  /** Continuation header of a digest split into several messages. */
  continued: (part: number, parts: number): SafeHtml => html`<i>(tiếp theo, phần ${part}/${parts})</i>`,

  tasksHeading: (n: number, count: number): SafeHtml => html`<b>${n}. Nhiệm vụ báo cáo đang theo dõi: ${count}</b>`,
  noTasks: (): SafeHtml => html`Hiện không có nhiệm vụ báo cáo nào đang theo dõi.`,
  /** One task: "1.2. Title", then its deadline and headline count. */
  taskHeader: (label: string, title: string): SafeHtml => html`<b>${label} ${title}</b>`,
  taskDeadline: (deadline: string, relative: SafeHtml, submitted: number, total: number): SafeHtml =>
    submitted === total
      ? html`Hạn nộp: ${deadline} — ${relative}. Đã nộp đủ ${n(submitted)}/${n(total)} đơn vị.`
      : html`Hạn nộp: ${deadline} — ${relative}. Đã nộp ${n(submitted)}/${n(total)} đơn vị.`,
  onTime: (count: number, total: number, names: readonly string[] | null): SafeHtml =>
    html`• Đã nộp đúng hạn: ${n(count)}/${n(total)}${listed(names)}.`,
  /** `names` null: the count alone (a large council's digest). */
  late: (count: number, total: number, names: readonly string[] | null): SafeHtml =>
    html`• Nộp muộn: ${n(count)}/${n(total)}${listed(names)}.`,
  missingNotDue: (count: number, total: number, names: readonly string[] | null): SafeHtml =>
    html`• Chưa nộp (chưa đến hạn): ${n(count)}/${n(total)}${listed(names)}.`,
  missingOverdue: (count: number, total: number, names: readonly string[] | null): SafeHtml =>
    html`• <b>Quá hạn, chưa nộp: ${n(count)}/${n(total)}</b>${listed(names)}.`,

  /** The head of a large council's digest: why no unit is named per task. */
  summaryNote: (units: number, max: number): SafeHtml =>
    html`<i>Hội đồng có ${n(units)} đơn vị (trên ${n(max)}): bản tổng hợp nêu số liệu theo loại đơn vị, theo đơn vị cấp trên và các đơn vị chậm nhất; danh sách chi tiết từng đơn vị có trong tệp Excel gửi kèm.</i>`,
  byKindHeading: (section: number): SafeHtml => html`<b>${section}. Số liệu theo loại đơn vị</b>`,
  byParentHeading: (section: number): SafeHtml =>
    html`<b>${section}. Số liệu theo đơn vị cấp trên</b> <i>(nhiều báo cáo quá hạn nhất xếp trước)</i>`,
  /** Counts are reports (unit x task). */
  groupCounts: (
    name: string,
    c: { units: number; onTime: number; late: number; missingOverdue: number; missingNotDue: number },
  ): SafeHtml =>
    html`• ${name}: ${n(c.units)} đơn vị; báo cáo đúng hạn ${n(c.onTime)}, nộp muộn ${n(c.late)}, ${c.missingOverdue > 0 ? html`<b>quá hạn chưa nộp ${n(c.missingOverdue)}</b>` : html`quá hạn chưa nộp 0`}, chưa đến hạn ${n(c.missingNotDue)}.`,
  unitKindLabel: (kind: string): string =>
    ({
      province: "Tỉnh, thành phố",
      commune: "Xã",
      ward: "Phường",
      special_zone: "Đặc khu",
      village: "Thôn",
      residential_group: "Tổ dân phố",
    })[kind] ?? "Đơn vị khác",
  worstHeading: (section: number, count: number): SafeHtml =>
    html`<b>${section}. ${count > 0 ? html`${count} đơn vị` : "Đơn vị"} chậm nhất</b> <i>(nhiều báo cáo quá hạn, rồi nộp muộn nhất)</i>`,
  noWorst: (): SafeHtml => html`Không có đơn vị nào quá hạn chưa nộp hoặc nộp muộn.`,
  worstLine: (w: { unitName: string; parentName: string | null; missingOverdue: number; late: number }): SafeHtml =>
    html`• ${w.unitName}${w.parentName ? html` (${w.parentName})` : ""}: ${joinHtml(
      [
        ...(w.missingOverdue > 0 ? [html`${w.missingOverdue} báo cáo quá hạn chưa nộp`] : []),
        ...(w.late > 0 ? [html`${w.late} báo cáo nộp muộn`] : []),
      ],
      ", ",
    )}.`,
  tableAttached: (): SafeHtml => html`<i>Bảng chi tiết tình hình báo cáo của từng đơn vị được gửi kèm dưới dạng tệp Excel.</i>`,
  /** The caption of that spreadsheet. */
  tableCaption: (): string => "Bảng tổng hợp tình hình báo cáo của từng đơn vị",
  tableFileName: (year: number, month: number, day: number): string =>
    `bang-tong-hop-${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}.xlsx`,

  submissionsHeading: (n: number, count: number): SafeHtml => html`<b>${n}. Báo cáo mới nhận trong kỳ: ${count}</b>`,
  noSubmissions: (): SafeHtml => html`Không có báo cáo mới trong kỳ.`,
  /** New submissions grouped by task; entries are formatted by `submissionEntry`. */
  submissionGroup: (taskTitle: string | null, count: number, lateCount: number, entries: readonly SafeHtml[]): SafeHtml =>
    html`• ${taskTitle ? `“${taskTitle}”` : "Báo cáo ngoài nhiệm vụ được giao"}: ${count} báo cáo${lateCount > 0 ? html` (${lateCount} nộp muộn)` : ""} — ${joinHtml(entries, ", ")}.`,
  moreEntries: (count: number): SafeHtml => html`và ${count} báo cáo khác`,
  submissionEntry: (unitName: string, receiptNo: string, version: number, late: boolean): SafeHtml => {
    const notes: string[] = [`số ${receiptNo}`];
    if (version > 1) notes.push(`lần ${version}`);
    if (late) notes.push("muộn");
    return html`${unitInText(unitName)} (${notes.join(", ")})`;
  },

  issuesHeading: (n: number): SafeHtml => html`<b>${n}. Vấn đề nổi cộm, bức xúc</b>`,
  issuesSummary: (newInPeriod: number, open: number, veryUrgent: number, urgent: number): SafeHtml =>
    veryUrgent + urgent > 0
      ? html`Mới phát sinh trong kỳ: ${newInPeriod}; đang chờ xử lý: ${open} (rất khẩn: ${veryUrgent}, khẩn: ${urgent}).`
      : html`Mới phát sinh trong kỳ: ${newInPeriod}; đang chờ xử lý: ${open}.`,
  noIssues: (): SafeHtml => html`Không có vấn đề mới phát sinh; không có vấn đề đang chờ xử lý.`,
  issueLine: (i: {
    urgency: string;
    receiptNo: string;
    unitName: string | null;
    category: string;
    location: string;
    status: string;
    createdOn: string;
  }): SafeHtml =>
    html`• [${urgencyLabel(i.urgency)}] Số ${i.receiptNo} — ${i.unitName ? unitInText(i.unitName) : "không rõ đơn vị"} — ${i.category}${i.location ? html`, tại ${i.location}` : ""}: ${statusLabel(i.status)} (nhận ${i.createdOn}).`,
  moreIssues: (count: number): SafeHtml => html`• … và ${count} vấn đề khác đang chờ xử lý.`,

  noticesHeading: (n: number, count: number): SafeHtml => html`<b>${n}. Thông báo chưa được xác nhận đã nhận: ${count}</b>`,
  noticeGap: (title: string, publishedOn: string, count: number, names: readonly string[] | null): SafeHtml =>
    html`• “${title}” (ban hành ${publishedOn}): ${n(count)} đơn vị chưa xác nhận${listed(names)}.`,
  /** presses in a unit's group by people outside that unit, under the notice's line (issue 12) */
  noticeGapOutsiders: (lines: readonly string[]): SafeHtml => html`  Không tính cho đơn vị: ${lines.join("; ")}.`,

  closing: (): SafeHtml => html`Trân trọng.`,
};

/** Vietnamese label of an urgent issue's urgency (normal | urgent | very_urgent). */
export function urgencyLabel(urgency: string): string {
  switch (urgency) {
    case "very_urgent":
      return "Rất khẩn";
    case "urgent":
      return "Khẩn";
    case "normal":
      return "Thường";
    default:
      return urgency;
  }
}

/** Vietnamese label of an urgent issue's status (new | acknowledged | assigned | resolved). */
export function statusLabel(status: string): string {
  switch (status) {
    // The words of the standing committee's buttons: "Tiếp nhận", "Chuyển Ban…", "Đã xử lý".
    case "new":
      return "chưa tiếp nhận";
    case "acknowledged":
      return "đã tiếp nhận";
    case "assigned":
      return "đã chuyển Ban";
    case "resolved":
      return "đã xử lý";
    default:
      return status;
  }
}

/** A count as Vietnamese writes it (3.321). */
const n = (value: number): string => value.toLocaleString("vi-VN");
/** " — các xã: ..." after a count, or nothing when the names are left out. */
const listed = (names: readonly string[] | null): SafeHtml | string => (names ? html` — ${nameList(names)}` : "");

const UNIT_KIND_PREFIXES = ["xã", "phường", "thị trấn", "đặc khu", "thôn", "tổ dân phố"];

/**
 * A unit's name inside a sentence: its kind in lower case, as official texts write it ("Thường trực HĐND
 * xã Phổ Phong", "báo cáo của phường Phổ Thạnh"); the directory stores it capitalised ("Xã Phổ Phong") for lists.
 * Names of other kinds (a Ban HĐND) are kept as they are.
 */
export function unitInText(name: string): string {
  const lower = name.toLocaleLowerCase("vi");
  const prefix = UNIT_KIND_PREFIXES.find((p) => lower.startsWith(`${p} `) && name.length > p.length + 1);
  return prefix ? `${prefix}${name.slice(prefix.length)}` : name;
}

/**
 * Unit names listed compactly, the way official texts do: names sharing a kind prefix are grouped,
 * "các xã: Phổ An, Phổ Châu; phường Phổ Hòa" (a group of one keeps its full name); names without a
 * known prefix are listed as they are. Groups appear in the order of their first name.
 */
export function nameList(names: readonly string[]): SafeHtml {
  const groups: Array<{ prefix: string | null; rest: string[] }> = [];
  for (const name of names) {
    const lower = name.toLocaleLowerCase("vi");
    const prefix = UNIT_KIND_PREFIXES.find((p) => lower.startsWith(`${p} `) && name.length > p.length + 1) ?? null;
    const rest = prefix ? name.slice(prefix.length + 1) : name;
    let g = groups.find((x) => x.prefix === prefix);
    if (!g) groups.push((g = { prefix, rest: [] }));
    g.rest.push(rest);
  }
  const parts = groups.map((g) => {
    if (g.prefix === null) return joinHtml(g.rest, ", ");
    if (g.rest.length === 1) return html`${g.prefix} ${g.rest[0]}`;
    return html`các ${g.prefix}: ${joinHtml(g.rest, ", ")}`;
  });
  return joinHtml(parts, "; ");
}
