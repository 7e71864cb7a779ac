/**
 * The words of the digest as an official Word document (báo cáo hành chính), in the form of Nghị định
 * 30/2020/NĐ-CP: quốc hiệu, tiêu ngữ, issuing body, number placeholder, place and date, title, body with
 * tables, nơi nhận, signature block.
 */
import type { DigestContentKind } from "../../domain/digests/compose-digest.js";

export const officialReport = {
  nationalTitle: "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
  numberPlaceholder: "Số: .../BC-HĐND",
  /** "Đức Phổ, ngày 04 tháng 12 năm 2026": day below 10 and months 1-2 written with a leading zero (NĐ 30/2020). */
  placeDate: (place: string, y: number, m: number, d: number): string =>
    `${place}, ngày ${String(d).padStart(2, "0")} tháng ${m <= 2 ? String(m).padStart(2, "0") : m} năm ${y}`,
  docType: "BÁO CÁO",
  title: (kind: DigestContentKind): string =>
    kind === "weekly"
      ? "Tình hình thực hiện chế độ báo cáo và các vấn đề phát sinh trong tuần"
      : kind === "daily"
        ? "Tình hình thực hiện chế độ báo cáo và các vấn đề phát sinh trong ngày"
        : "Tình hình thực hiện chế độ báo cáo và các vấn đề phát sinh",
  period: (from: string, to: string): string => `(Từ ${from} đến ${to})`,
  addressee: (council: string): string => `Kính gửi: Thường trực ${council}.`,
  intro: "Văn phòng tổng hợp tình hình thực hiện chế độ báo cáo của các đơn vị và các vấn đề phát sinh như sau:",
  sectionGeneral: "I. TÌNH HÌNH CHUNG",
  general: (o: { tasks: number; overdueMissing: number; newSubmissions: number; openIssues: number; noticeGaps: number }): string =>
    `Trong kỳ, có ${o.tasks} nhiệm vụ báo cáo đang theo dõi; ${o.newSubmissions} báo cáo mới nhận; ` +
    (o.overdueMissing > 0 ? `${o.overdueMissing} lượt đơn vị quá hạn chưa nộp; ` : "không có đơn vị quá hạn chưa nộp; ") +
    `${o.openIssues} vấn đề nổi cộm đang chờ xử lý` +
    (o.noticeGaps > 0 ? `; ${o.noticeGaps} thông báo còn đơn vị chưa xác nhận đã nhận.` : "."),
  sectionTasks: "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ BÁO CÁO",
  taskColumns: [
    "TT",
    "Nhiệm vụ báo cáo",
    "Hạn nộp",
    "Số đơn vị",
    "Đúng hạn",
    "Trễ hạn",
    "Không phát sinh",
    "Quá hạn chưa nộp",
    "Chưa đến hạn",
  ],
  noTasks: "Không có nhiệm vụ báo cáo nào đang theo dõi.",
  missingLine: (title: string, names: string): string => `- ${title}: quá hạn chưa nộp: ${names}.`,
  lateLine: (title: string, names: string): string => `- ${title}: nộp trễ hạn: ${names}.`,
  extendedLine: (title: string, list: string): string => `- ${title}: được gia hạn riêng: ${list}.`,
  sectionSubmissions: "III. BÁO CÁO MỚI NHẬN TRONG KỲ",
  submissionColumns: ["TT", "Số biên nhận", "Đơn vị", "Nhiệm vụ", "Ghi chú"],
  submissionNote: (version: number, late: boolean): string =>
    [version > 1 ? `lần gửi thứ ${version}` : "", late ? "trễ hạn" : "đúng hạn"].filter(Boolean).join(", "),
  otherReport: "Báo cáo ngoài nhiệm vụ được giao",
  noSubmissions: "Không có báo cáo mới trong kỳ.",
  sectionIssues: "IV. CÁC VẤN ĐỀ NỔI CỘM, BỨC XÚC",
  issueColumns: ["TT", "Số", "Đơn vị", "Lĩnh vực, địa điểm", "Mức độ", "Tình trạng"],
  noIssues: "Không có vấn đề mới phát sinh; không có vấn đề đang chờ xử lý.",
  sectionNotices: "V. THÔNG BÁO CHƯA ĐƯỢC XÁC NHẬN ĐÃ NHẬN",
  noticeLine: (title: string, on: string, names: string): string => `- ${title} (ban hành ${on}): ${names}.`,
  /** presses in a unit's group by people outside that unit, under the notice's line (issue 12) */
  noticeOutsiders: (lines: readonly string[]): string => `  Không tính cho đơn vị: ${lines.join("; ")}.`,
  sectionProposals: (n: string): string => `${n}. ĐỀ XUẤT, KIẾN NGHỊ`,
  proposalOverdue:
    "Đề nghị Thường trực HĐND chỉ đạo đôn đốc các đơn vị quá hạn chưa nộp báo cáo khẩn trương hoàn thành, gửi về Thường trực HĐND qua hệ thống.",
  proposalNone: "Các đơn vị thực hiện nghiêm chế độ báo cáo; Văn phòng tiếp tục theo dõi, tổng hợp.",
  closing:
    "Trên đây là báo cáo tình hình thực hiện chế độ báo cáo và các vấn đề phát sinh, kính trình Thường trực HĐND xem xét, chỉ đạo./.",
  recipientsLabel: "Nơi nhận:",
  recipients: (council: string): string[] => [`- Thường trực ${council};`, "- Các Ban HĐND;", "- Lưu: VT."],
  signOnBehalf: "TL. THƯỜNG TRỰC HĐND",
  signTitle: "CHÁNH VĂN PHÒNG",
  signHint: "(Ký, ghi rõ họ tên)",
  fileName: (y: number, m: number, d: number): string =>
    `bao-cao-tong-hop-${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}.docx`,
  caption: (kind: DigestContentKind): string =>
    kind === "weekly"
      ? "Báo cáo tổng hợp tuần (bản Word theo thể thức văn bản hành chính, để Văn phòng ghi số, ký và lưu)."
      : "Báo cáo tổng hợp (bản Word theo thể thức văn bản hành chính, để Văn phòng ghi số, ký và lưu).",
  button: "📄 Tải bản Word (báo cáo chính thức)",
  sending: "Đang tạo bản Word…",
};
