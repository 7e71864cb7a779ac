/**
 * Result types of the notice parser.
 *
 * Field names follow the corpus annotation schema (test/fixtures/notices/README.md) exactly, in
 * snake_case, so `JSON.stringify(parsed)` can be compared with the hand annotations and read by
 * the office without a mapping layer. Fields that the annotations do not have are extras.
 */

/** How the due date was derived from the wording (see README "due / due_rule conventions"). */
export type DueRule =
  | "before" // "trước ngày D" → D − 1 (also "trước tháng M" → last day of M − 1)
  | "by" // "chậm nhất ngày D", "trước hoặc trong ngày D", "đến ngày D", "trước 14 giờ ngày D" → D
  | "exact" // a dated scheduled action "Ngày D <việc>" → D
  | "month" // "trong tháng M/Y" → last day of the month
  | "quarter" // "trong quý N/Y" → last day of the quarter
  | "half_year" // "6 tháng đầu năm Y" → Y-06-30 ("6 tháng cuối năm Y" → Y-12-31)
  | "year" // "trong năm Y" → Y-12-31
  | "relative" // "trong N ngày (làm việc) kể từ ..." → anchor + N, null when the anchor is unknown
  | "recurring"; // "định kỳ trước ngày 20 hằng tháng" → null, described in `recurrence`

/**
 * A recurring requirement as written: "trước ngày 20 hằng tháng" is { period: "monthly", day: 20, cut: "before" };
 * "trước ngày 15/12 hằng năm" is { period: "yearly", day: 15, month: 12, cut: "before" }. `day` of a quarterly
 * rule is a day of the quarter's last month. The cut is kept as written: "trước ngày D" is read as D − 1 by
 * whoever turns it into dates (the parser's own convention, `due_rule: "before"`).
 */
export interface RecurrenceRule {
  period: "weekly" | "monthly" | "quarterly" | "half_yearly" | "yearly";
  day: number | null;
  month: number | null;
  cut: "before" | "by" | "on" | null;
}

/** Who the task is given to, as a class (README "assignee_scope"). */
export type AssigneeScope = "all_subunits" | "named_units" | "person_or_office" | "unclear";

export interface ParsedTask {
  /** The sentence the task came from: an exact substring of the NFC-normalised input text. */
  quote: string;
  /** The lead (chủ trì) assignee as written, or null when no actor is written. */
  assignee: string | null;
  assignee_scope: AssigneeScope;
  /** Last day still on time, YYYY-MM-DD, or null (recurring, unknown anchor, unknown year). */
  due: string | null;
  due_rule: DueRule;
  /** For recurring tasks: how often, in the annotations' style; null otherwise. */
  recurrence: string | null;
  /** For recurring tasks: the same requirement as data, for proposing a periodic series; null otherwise. */
  recurrence_rule: RecurrenceRule | null;

  // ---- extras (not in the annotation schema) ----
  /** The deadline phrase exactly as written (a substring of `quote`). */
  deadline_phrase: string;
  /** Vietnamese explanation of how the date was read, for the office to confirm. */
  due_reading: string;
  /** Named organisations/posts in the assignee, one per element (lists expanded). */
  units: string[];
  /** Co-operating units ("phối hợp với ..."): informed, not assignees. */
  cooperating: string[];
  /** Time-of-day cut-off ("trước 14 giờ") as HH:mm, or null. */
  time_of_day: string | null;
  /** Where the assignee came from: the sentence itself, an earlier sentence, a heading, a table column, the "Kính gửi" block. */
  assignee_source: "sentence" | "context" | "heading" | "table" | "addressee" | "none";
  /** Character offsets of `quote` in the NFC-normalised input. */
  quote_start: number;
  quote_end: number;
  /** Warnings for the office (year inferred, deadline earlier than the issue date, ...), in Vietnamese. */
  notes: string[];
}

export interface ParsedNotice {
  /** Document number normalised (stray spaces removed), e.g. "12/TB-HĐND"; null when not written. */
  number: string | null;
  /** Issue date YYYY-MM-DD; null when the text does not give it. */
  issued_on: string | null;
  issuer: string | null;
  title: string | null;
  /** Addressees ("Kính gửi") then the "Nơi nhận" entries, without "Như trên" and "Lưu". */
  recipients: string[];
  tasks: ParsedTask[];

  // ---- extras ----
  /** Place of issue from the place/date line ("Đức Phổ"). */
  place: string | null;
  /** Where issued_on came from: the header line, a sentence quoting the document, a portal posting date. */
  issued_on_source: "header" | "body" | "posting_date" | "meeting" | null;
  /** Document type in sentence case ("Thông báo", "Kế hoạch", "Công văn", ...). */
  doc_type: string | null;
  /** The "Kính gửi" addressees alone. */
  addressees: string[];
  /** Name of the signer (last line of the signature block). */
  signer: string | null;
  /** Signature capacity lines ("TL. THƯỜNG TRỰC HĐND / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG"). */
  signer_title: string | null;
  /**
   * Phrases that say something is due ("trước ngày 20/5", "chậm nhất ngày 10.11") but were not read
   * as a task, as written; the office should look at them (the flow shows them with the proposals).
   */
  unread_deadline_phrases: string[];
  /** Document-level warnings, in Vietnamese. */
  warnings: string[];
}

export interface ParseNoticeOptions {
  /** IANA time zone of the council; used to read `referenceDate` when it is a timestamp. Default Asia/Ho_Chi_Minh. */
  timezone?: string;
  /**
   * When the document itself has no issue date: the date it was received (YYYY-MM-DD or an ISO
   * timestamp). Used only to infer missing years; relative deadlines stay null without an issue date.
   */
  referenceDate?: string;
}
