/**
 * The parts of an administrative document around its body (Nghị định 30/2020/NĐ-CP layout):
 * issuing body and number on the left, national motto and "place, ngày ... tháng ... năm ..." on
 * the right (as two columns, or one after the other once extracted to text), the document type and
 * its summary line (or "V/v ..." for an official letter), "Kính gửi", and at the end "Nơi nhận"
 * next to the signature block.
 *
 * Excerpts and portal digests have no header; for them the number and date are looked for in the
 * sentence that quotes the document ("Theo Công văn số 6202/UBND-KT, ngày 23/11/2023", "đã ban
 * hành Kế hoạch số 107/KH-HĐND ngày 12/11/2021"), then in a posting date on a line of its own.
 */
import { type Line, isTableLine } from "./segments.js";
import { type CalendarDate, DATE_SOURCE, compareDates, isValidDate, parseWrittenDate, toIsoDate } from "./vietnamese-dates.js";

export interface HeaderInfo {
  number: string | null;
  issued_on: string | null;
  issued_on_source: "header" | "body" | "posting_date" | "meeting" | null;
  issueYearInferred: number | null;
  /**
   * The day a news item or digest opens with ("Ngày 17/8/2020, Thường trực HĐND huyện họp ...",
   * "Sáng 4/6, ..."): when the reported events happened, so a reference for year-less dates.
   */
  event: CalendarDate | null;
  place: string | null;
  issuer: string | null;
  doc_type: string | null;
  title: string | null;
  addressees: string[];
  recipients: string[];
  signer: string | null;
  signer_title: string | null;
  /** Lines that are not body text (header block, recipients, signature): no tasks there. */
  excludedLines: Set<number>;
}

const DOC_TYPES = [
  "THÔNG BÁO KẾT LUẬN",
  "THÔNG BÁO",
  "KẾ HOẠCH",
  "QUYẾT ĐỊNH",
  "BÁO CÁO",
  "CÔNG VĂN",
  "TỜ TRÌNH",
  "NGHỊ QUYẾT",
  "CHƯƠNG TRÌNH",
  "CHỈ THỊ",
  "HƯỚNG DẪN",
  "GIẤY MỜI",
  "BIÊN BẢN",
  "KẾT LUẬN",
  "ĐỀ ÁN",
  "PHƯƠNG ÁN",
  "QUY CHẾ",
  "QUY ĐỊNH",
  "THÔNG TRI",
];
const DOC_TYPE_RE = new RegExp(`^(?:${DOC_TYPES.join("|")})$`, "u");
const DOC_NAMES =
  "Công văn|Văn bản|Thông báo kết luận|Thông báo|Kế hoạch|Quyết định|Báo cáo|Nghị quyết|Chỉ thị|Tờ trình|Hướng dẫn|Giấy mời|Chương trình|Thông tri";

/** A document number: "12/TB-HĐND", "2221 /UBND-TH", "1247-TB/TU", "06/QĐ-TTg", "09/2021/NQ-HĐND". */
const NUMBER_SOURCE = "\\d{1,6}[A-Za-z]?(?:\\s?[\\/\\-]\\s?[\\p{L}\\d&.]+)+";

export function normalizeNumber(raw: string): string {
  return raw.replace(/\s+/g, "").replace(/[.,;:]+$/, "");
}

/** Split a header line into its columns (3+ spaces, or " | " from a converted Word table). */
export function columnsOf(text: string): string[] {
  return text
    .split(/\s{3,}|\s\|\s|\t/)
    .map((c) => c.trim())
    .filter(Boolean);
}

const MOTTO_RE = /CỘNG\s+H[ÒO]A\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do|^-{3,}$|^_{3,}$/iu;

export function parseHeader(clean: string, lines: Line[]): HeaderInfo {
  const excluded = new Set<number>();
  const info: HeaderInfo = {
    number: null,
    issued_on: null,
    issued_on_source: null,
    issueYearInferred: null,
    event: null,
    place: null,
    issuer: null,
    doc_type: null,
    title: null,
    addressees: [],
    recipients: [],
    signer: null,
    signer_title: null,
    excludedLines: excluded,
  };
  const headLimit = Math.min(lines.length, 30);

  // --- number and place/date in the header block
  let numberLine = -1;
  let dateLine = -1;
  for (let i = 0; i < headLimit; i++) {
    const cols = columnsOf(lines[i]!.text);
    // the whole line too: an unsigned draft leaves wide blanks ("ngày      tháng 5 năm 2022")
    if (cols.length > 1) cols.push(lines[i]!.text.trim());
    for (const col of cols) {
      if (info.number === null) {
        const m = new RegExp(`^(?:Số|SỐ)\\s*:?\\s*(${NUMBER_SOURCE})`, "u").exec(col);
        if (m) {
          info.number = normalizeNumber(m[1]!);
          numberLine = i;
        }
      }
      if (info.issued_on === null) {
        const pd = parsePlaceDate(col);
        if (pd) {
          info.place = pd.place;
          if (pd.date) {
            info.issued_on = toIsoDate(pd.date);
            info.issued_on_source = "header";
          }
          dateLine = i;
        }
      }
    }
  }

  // --- document type and title. Lines are read one by one: a text pasted from Word has single line
  // breaks, so a blank line cannot be relied on to end the title.
  let titleEnd = -1;
  for (let i = 0; i < headLimit; i++) {
    const t = lines[i]!.text.trim();
    if (DOC_TYPE_RE.test(t)) {
      info.doc_type = sentenceCase(t);
      const parts: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j]!.text.trim() === "") j++;
      for (; j < lines.length && parts.length < 4; j++) {
        const lt = lines[j]!.text.trim();
        if (lt === "" || !isTitleLine(lt, parts.length === 0)) break;
        parts.push(lt);
      }
      if (parts.length > 0) {
        info.title = parts.join(" ").replace(/\s+/g, " ").trim();
        titleEnd = j - 1;
      } else titleEnd = i;
      break;
    }
  }
  // "V/v ..." summary of an official letter (may wrap over several lines of the left column)
  if (info.title === null) {
    for (let i = 0; i < headLimit; i++) {
      const cols = columnsOf(lines[i]!.text);
      const c = cols[0] ?? "";
      if (/^V\/v\b/iu.test(c)) {
        const parts = [c];
        for (let j = i + 1; j < headLimit; j++) {
          const next = columnsOf(lines[j]!.text)[0] ?? "";
          if (next === "" || MOTTO_RE.test(next) || parsePlaceDate(next) || /^Kính gửi/u.test(next) || isAllCapsLine(next)) break;
          if (!isTitleLine(next, false)) break;
          parts.push(next);
          titleEnd = Math.max(titleEnd, j);
        }
        info.title = parts.join(" ").replace(/\s+/g, " ").trim();
        info.doc_type = info.doc_type ?? "Công văn";
        titleEnd = Math.max(titleEnd, i);
        break;
      }
    }
  }

  // --- issuing body: the left column above "Số:"
  const issuerEnd = numberLine >= 0 ? numberLine : Math.min(dateLine, 8);
  if (issuerEnd > 0) {
    const parts: string[] = [];
    for (let i = 0; i < issuerEnd; i++) {
      const c = columnsOf(lines[i]!.text)[0];
      if (!c || MOTTO_RE.test(c) || /^[-_=]{3,}$/.test(c)) continue;
      parts.push(c);
    }
    info.issuer = composeIssuer(parts);
  }

  // --- "Kính gửi"
  let headerEnd = Math.max(numberLine, dateLine, titleEnd);
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    const t = lines[i]!.text.trim();
    const m = /^Kính\s+gửi\s*:?\s*(.*)$/u.exec(t);
    if (!m) continue;
    const inline = m[1]!.trim();
    let last = i;
    if (inline) info.addressees.push(...splitListEntries(inline));
    // The addressees follow as a list: with "-" bullets, or one per line ending with ";" and the last
    // with "." (no blank line needed between them and the body, as in a text pasted from Word).
    let open = !inline || /;\s*$/u.test(inline);
    for (let j = i + 1; j < lines.length && open; j++) {
      const lt = lines[j]!.text.trim();
      if (lt === "") {
        if (info.addressees.length > 0) break;
        continue;
      }
      const bullet = /^[-+•]\s*/u.test(lt);
      if (!bullet && !(/^\p{Lu}/u.test(lt) && lt.length <= 150 && /[;.,]$/u.test(lt) && !BODY_START_RE.test(lt))) break;
      info.addressees.push(...splitListEntries(lt));
      last = j;
      if (!bullet && /\.$/u.test(lt)) open = false;
    }
    headerEnd = Math.max(headerEnd, last);
    break;
  }
  for (let i = 0; i <= headerEnd && i < lines.length; i++) excluded.add(i);

  // --- "Nơi nhận" and signature
  parseClosing(lines, info, excluded);

  // --- fall-backs for documents without a header
  if (info.number === null || info.issued_on === null) bodyReference(clean, info);
  if (info.issued_on === null) postingDate(lines, info);
  leadEvent(clean, lines, info);
  if (info.title === null) info.title = firstLineTitle(lines);
  if (info.issuer === null) info.issuer = issuerFromBody(clean, info.signer_title);
  return info;
}

/** Words that open the body of a document, never its title. */
const BODY_START_RE =
  /^(?:Căn cứ|Kính gửi|Thực hiện|Ngày\s+\d|Sáng\s|Chiều\s|Sau khi|Trên cơ sở|Theo đề nghị|Theo đó|Để\s|Nhằm\s|Vừa qua|Hôm nay|Thừa lệnh|Thừa ủy quyền)/u;

/**
 * Whether a line can be (part of) a document's summary line ("trích yếu"). The summary is short,
 * centred and has no final punctuation (Nghị định 30/2020/NĐ-CP); the body's paragraphs are long and
 * end with a full stop or a colon. So a line that ends like a sentence, or runs long, starts the body
 * even when no blank line separates them, as in a notice pasted from Word.
 */
function isTitleLine(text: string, first: boolean): boolean {
  if (BODY_START_RE.test(text) || /^-{3,}$/.test(text)) return false;
  if (isTableLine(text) || /^(?:[IVX]+|\d{1,2})[.)]\s/u.test(text) || /^[a-zđ]\)\s/u.test(text)) return false;
  if (/[.;:!?]$/u.test(text) && !/\.\.\.$/.test(text)) return first && text.length <= 120 && !/:$/.test(text);
  return text.length <= (first ? 250 : 160);
}

function isAllCapsLine(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** "Đức Phổ, ngày 05 tháng 5 năm 2022" (also "ngày 05/5/2022"); date null for unsigned drafts ("ngày   tháng   năm"). */
export function parsePlaceDate(text: string): { place: string; date: CalendarDate | null } | null {
  const m = /^([\p{Lu}][\p{L}\p{M}'’ .-]{0,40}?)\s*,\s*ngày\s+(.{1,30}?)\s*$/u.exec(text.trim());
  if (!m) return null;
  const place = m[1]!.trim();
  if (/^(?:Số|Kính gửi|V\/v)/u.test(place)) return null;
  const rest = m[2]!;
  const full = /^(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/u.exec(rest);
  if (full) {
    const [d, mo, y] = [Number(full[1]), Number(full[2]), Number(full[3])];
    return { place, date: isValidDate(y, mo, d) ? { y, m: mo, d } : null };
  }
  const w = parseWrittenDate(rest);
  if (w && w.y !== null) return { place, date: { y: w.y, m: w.m, d: w.d } };
  if (/tháng.*năm/u.test(rest)) return { place, date: null };
  return null;
}

function sentenceCase(t: string): string {
  const lower = t.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

const ACRONYMS = new Set(["HĐND", "UBND", "MTTQ", "UBMTTQ", "UBMTTQVN", "ĐBQH", "VN", "TP", "BHXH", "CP"]);
const LEVEL_WORDS = ["THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU", "TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG"];

function titleCaseName(s: string): string {
  return s
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (w ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(" ");
}

const DEPARTMENT_HEADS = ["VĂN PHÒNG", "THANH TRA", "CÔNG AN", "CHI CỤC", "TRUNG TÂM", "KHO BẠC", "PHÒNG", "SỞ", "BAN", "CỤC", "BỘ"];

/** Vietnamese capitalisation of a department name: each component's first syllable capitalised. */
function departmentCase(upper: string): string {
  const head = DEPARTMENT_HEADS.find((h) => upper === h || upper.startsWith(`${h} `));
  const rest = head ? upper.slice(head.length).trim() : upper;
  const out: string[] = head ? [sentenceCase(head)] : [];
  let capitalNext = true;
  for (const tok of rest.split(/\s+/).filter(Boolean)) {
    if (ACRONYMS.has(tok)) {
      out.push(tok);
      capitalNext = true;
      continue;
    }
    const lower = tok.toLowerCase();
    if (lower === "và" || tok === "-") {
      out.push(lower);
      capitalNext = true;
      continue;
    }
    const level = LEVEL_WORDS.find((l) => l === tok);
    if (level && !capitalNext) {
      out.push(level.toLowerCase());
      capitalNext = true;
      continue;
    }
    out.push(capitalNext ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower);
    capitalNext = false;
  }
  return out.join(" ");
}

/** "UBND TỈNH QUẢNG NINH" → "UBND tỉnh Quảng Ninh"; "HỘI ĐỒNG NHÂN DÂN / HUYỆN TƯ NGHĨA / THƯỜNG TRỰC" → "Thường trực HĐND huyện Tư Nghĩa". */
export function composeIssuer(parts: string[]): string | null {
  if (parts.length === 0) return null;
  const normalized = parts.map((p) =>
    p
      .replace(/H[ỘO]I\s+Đ[ỒO]NG\s+NH[ÂA]N\s+D[ÂA]N/giu, "HĐND")
      .replace(/[ỦU][YỶ]\s+BAN\s+NH[ÂA]N\s+D[ÂA]N/giu, "UBND")
      .trim(),
  );
  // a sub-body line (THƯỜNG TRỰC, VĂN PHÒNG, BAN ...) written below its council goes in front
  const subIdx = normalized.findIndex((p, k) => k > 0 && /^(?:THƯỜNG TRỰC|VĂN PHÒNG|BAN\s|BAN$|SỞ\s|PHÒNG\s)/u.test(p));
  let ordered = normalized;
  if (subIdx > 0) ordered = [normalized[subIdx]!, ...normalized.filter((_, k) => k !== subIdx)];
  const out: string[] = [];
  for (const part of ordered) {
    const isUpper = part === part.toUpperCase();
    if (!isUpper) {
      out.push(part);
      continue;
    }
    const tokens = part.split(/\s+/);
    let k = 0;
    const words: string[] = [];
    while (k < tokens.length) {
      const tok = tokens[k]!;
      if (ACRONYMS.has(tok)) {
        words.push(tok);
        k++;
        continue;
      }
      const two = tokens.slice(k, k + 2).join(" ");
      const level = LEVEL_WORDS.find((l) => l === two || l === tok);
      if (level) {
        words.push(level.toLowerCase());
        k += level.split(" ").length;
        // the rest of the part is the proper name
        const name = tokens.slice(k).join(" ");
        if (name) words.push(titleCaseName(name));
        break;
      }
      if (k === 0 && /^(?:PHÒNG|SỞ|BAN|VĂN|CỤC|CHI|TRUNG|THANH|CÔNG|BỘ|KHO)$/u.test(tok)) {
        // a department: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" → "Sở Kế hoạch và Đầu tư"
        words.push(departmentCase(tokens.slice(k).join(" ")));
        break;
      }
      words.push(k === 0 && words.length === 0 ? sentenceCase(tok) : tok.toLowerCase());
      k++;
    }
    out.push(words.join(" "));
  }
  const s = out.join(" ").replace(/\s+/g, " ").trim();
  return s || null;
}

/** Split "A; - B; C." into entries. */
function splitListEntries(text: string): string[] {
  return text
    .split(/;\s*(?=[-+•]?\s*\S)/u)
    .map((e) =>
      e
        .replace(/^[-+•]\s*/u, "")
        .replace(/[;.,]+$/u, "")
        .trim(),
    )
    .filter((e) => e && !/^(?:Như trên|Lưu\b)/iu.test(e));
}

function parseClosing(lines: Line[], info: HeaderInfo, excluded: Set<number>): void {
  let nn = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^Nơi\s+nhận\s*:?/u.test(columnsOf(lines[i]!.text)[0] ?? "")) {
      nn = i;
      break;
    }
  }
  const recipients: string[] = [];
  if (nn >= 0) {
    const first = columnsOf(lines[nn]!.text)[0] ?? "";
    const inline = first.replace(/^Nơi\s+nhận\s*:?\s*/u, "");
    if (inline) recipients.push(...splitListEntries(inline));
    for (let j = nn + 1; j < lines.length; j++) {
      const c = columnsOf(lines[j]!.text)[0] ?? "";
      if (c === "") {
        if (recipients.length > 0) break;
        continue;
      }
      if (!/^[-+•]/u.test(c)) break;
      recipients.push(...splitListEntries(c));
    }
    for (let j = nn; j < lines.length; j++) excluded.add(j);
  }
  // signature: the last name-like line; capacity lines (TM., TL., KT., CHỦ TỊCH ...) above it
  const start = nn >= 0 ? nn : Math.max(0, lines.length - 12);
  let signerLine = -1;
  for (let i = lines.length - 1; i >= start; i--) {
    const cols = columnsOf(lines[i]!.text);
    const c = cols[cols.length - 1] ?? "";
    if (c === "") continue;
    if (isPersonName(c)) {
      info.signer = c;
      signerLine = i;
    }
    break;
  }
  if (signerLine >= 0) {
    const titles: string[] = [];
    for (let i = signerLine - 1; i >= Math.max(0, signerLine - 8); i--) {
      const cols = columnsOf(lines[i]!.text);
      const c = cols[cols.length - 1] ?? "";
      if (c === "") continue;
      if (/^(?:TM|TL|KT|TUQ|Q)\.|^[\p{Lu}\s.-]+$/u.test(c) && c === c.toUpperCase() && !/^Nơi nhận/u.test(c)) {
        titles.unshift(c);
        excluded.add(i);
      } else break;
    }
    if (titles.length > 0) info.signer_title = titles.join(" / ");
    excluded.add(signerLine);
  }
  info.recipients = dedupe([...info.addressees, ...recipients]);
}

function isPersonName(s: string): boolean {
  if (s.length > 40 || /\d/.test(s)) return false;
  if (s === s.toUpperCase()) return false;
  return /^[\p{Lu}][\p{L}\p{M}'’.]*(?:\s+[\p{Lu}][\p{L}\p{M}'’.]*){1,5}$/u.test(s);
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    if (seen.has(x)) return false;
    seen.add(x);
    return true;
  });
}

/** Number/date from a sentence that quotes the document itself. */
function bodyReference(clean: string, info: HeaderInfo): void {
  // "số" is often left out of a citation: "(Theo Công văn 1287/UBND-KT ngày 18/3/2024)"
  const patterns: RegExp[] = [
    // "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)"
    new RegExp(`(?:Theo|Trích|Tại)\\s+(?:${DOC_NAMES})\\s+(?:số\\s*:?\\s*)?(${NUMBER_SOURCE})\\s*,?\\s*(?:ngày\\s+(${DATE_SOURCE}))?`, "u"),
    // "đã ban hành Kế hoạch số 107/KH-HĐND ngày 12/11/2021"
    new RegExp(`ban\\s+hành\\s+(?:${DOC_NAMES})\\s+(?:số\\s*:?\\s*)?(${NUMBER_SOURCE})\\s*,?\\s*(?:ngày\\s+(${DATE_SOURCE}))?`, "u"),
  ];
  for (const re of patterns) {
    const m = re.exec(clean);
    if (!m) continue;
    if (info.number === null) info.number = normalizeNumber(m[1]!);
    if (info.issued_on === null && m[2]) {
      const w = parseWrittenDate(m[2]);
      if (w && w.y !== null) {
        info.issued_on = toIsoDate({ y: w.y, m: w.m, d: w.d });
        info.issued_on_source = "body";
      }
    }
    if (info.issued_on !== null) return;
  }
  // A news item about a document opens with its date and names it: "Ngày 04/12, UBND tỉnh ban hành
  // Công văn số 2221 /UBND-TH ...", "Ngày 21/5, UBND tỉnh có Công văn 846/UBND-TH ...". A document
  // that was received ("nhận được") or that carries its own date ("số 12/BC ngày ...") is another one.
  const lead = new RegExp(
    `(?:^|\\n)Ngày\\s+(${DATE_SOURCE})\\s*,\\s*((?:[^\\s.\\n]+\\s+){1,12}?)(?:${DOC_NAMES})\\s+(?:số\\s*:?\\s*)?(${NUMBER_SOURCE})(?!\\s*,?\\s*ngày)`,
    "u",
  ).exec(clean);
  if (lead && !/nhận\s+được|theo|căn\s+cứ|thực\s+hiện/iu.test(lead[2]!)) {
    if (info.number === null) info.number = normalizeNumber(lead[3]!);
    if (info.issued_on === null) {
      const w = parseWrittenDate(lead[1]!);
      if (w) {
        let y = w.y;
        if (y === null) {
          y = yearFromCitedDates(clean, w);
          if (y !== null) info.issueYearInferred = y;
        }
        if (y !== null && isValidDate(y, w.m, w.d)) {
          info.issued_on = toIsoDate({ y, m: w.m, d: w.d });
          info.issued_on_source = "body";
        }
      }
    }
  }
}

const MEETING_RE =
  /(?<![\p{L}\p{M}])(?:họp|hội\s+nghị|làm\s+việc|kỳ\s+họp|phiên\s+họp|buổi|giám\s+sát|tiếp\s+xúc\s+cử\s+tri|khai\s+mạc|bế\s+mạc|hội\s+thảo|tọa\s+đàm|toạ\s+đàm|giao\s+ban)(?![\p{L}\p{M}])/iu;

/**
 * The date a news item or digest opens with: "Ngày 17/8/2020, ...", "Sáng 4/6, ...", "Chiều ngày
 * 5/11, ...", in one of the first lines of the body. A report of a meeting is dated by the meeting:
 * when the text has no administrative header (no document type, number or place-date line), that day
 * stands for its date.
 */
function leadEvent(clean: string, lines: Line[], info: HeaderInfo): void {
  const re = new RegExp(`^(?:(?:Sáng|Chiều|Tối|Trưa)\\s+(?:ngày\\s+)?|Ngày\\s+)(${DATE_SOURCE})\\s*,\\s*(.*)$`, "u");
  let seen = 0;
  for (const line of lines) {
    const t = line.text.trim();
    if (!t || info.excludedLines.has(line.index)) continue;
    if (++seen > 6) return;
    const m = re.exec(t);
    if (!m) continue;
    const w = parseWrittenDate(m[1]!);
    if (!w) return;
    const y = w.y ?? yearFromCitedDates(clean, w) ?? yearWritten(clean);
    if (y === null || !isValidDate(y, w.m, w.d)) return;
    info.event = { y, m: w.m, d: w.d };
    const formal = info.doc_type !== null || info.place !== null || /^Số\s*:/mu.test(clean.slice(0, 2000));
    const sentence = m[2]!.split(/(?<=\.)\s/u)[0]!;
    if (info.issued_on === null && !formal && MEETING_RE.test(sentence)) {
      info.issued_on = toIsoDate(info.event);
      info.issued_on_source = "meeting";
    }
    return;
  }
}

/** The latest year a text writes in a time expression ("6 tháng đầu năm 2019"), not in a term of office. */
function yearWritten(clean: string): number | null {
  let best: number | null = null;
  for (const m of clean.matchAll(/(?<![\p{L}])năm\s+(\d{4})(?!\d)|(?<![\d/])\d{1,2}[/.]\d{1,2}[/.](\d{4})(?!\d)/gu)) {
    const y = Number(m[1] ?? m[2]);
    if (y >= 1990 && y <= 2100 && (best === null || y > best)) best = y;
  }
  return best;
}

/**
 * The year of a year-less issue date: documents cite earlier documents, so take the year of the
 * latest fully dated citation, moved to the next year if the date would fall before it.
 */
function yearFromCitedDates(clean: string, w: { d: number; m: number }): number | null {
  // only dates of cited documents ("Báo cáo số 552/BC-HĐND ngày 01/12/2017"), not deadlines
  const re = new RegExp(`số\\s+${NUMBER_SOURCE}\\s*,?\\s*ngày\\s+(${DATE_SOURCE})`, "gu");
  let latest: CalendarDate | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clean))) {
    const d = parseWrittenDate(m[1]!);
    if (!d || d.y === null) continue;
    const c = { y: d.y, m: d.m, d: d.d };
    if (!latest || compareDates(c, latest) > 0) latest = c;
  }
  if (!latest) return null;
  const candidate = { y: latest.y, m: w.m, d: w.d };
  return compareDates(candidate, latest) >= 0 ? latest.y : latest.y + 1;
}

/** A portal posting date on a line of its own near the top: "20/09/2014", "14/11/2021 4:24:PM". */
function postingDate(lines: Line[], info: HeaderInfo): void {
  for (let i = 0; i < Math.min(lines.length, 8); i++) {
    const t = lines[i]!.text.trim();
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?\s*:?\s*(?:AM|PM|SA|CH)?)?$/iu.exec(t);
    if (!m) continue;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidDate(y, mo, d)) continue;
    info.issued_on = toIsoDate({ y, m: mo, d });
    info.issued_on_source = "posting_date";
    info.excludedLines.add(i);
    return;
  }
}

function firstLineTitle(lines: Line[]): string | null {
  for (const l of lines.slice(0, 5)) {
    const t = l.text.trim();
    if (!t) continue;
    if (t.length > 300 || /:\s*$/.test(t)) return null;
    return t.replace(/[.;]+$/u, "");
  }
  return null;
}

/** Issuer of a document without header: the body that "ban hành / có ý kiến / kết luận / thông báo". */
function issuerFromBody(clean: string, signerTitle: string | null): string | null {
  const body =
    "(?:Thường trực HĐND|Thường trực Hội đồng nhân dân|HĐND|Hội đồng nhân dân|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Chủ tịch UBND|Văn phòng UBND|Văn phòng HĐND)\\s+(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu)";
  const m = new RegExp(
    `(${body})(?:\\s+([\\p{Lu}][\\p{L}\\p{M}]*(?:\\s+[\\p{Lu}][\\p{L}\\p{M}]*){0,3}))?\\s+(?:đã\\s+)?(?:ban hành|có ý kiến|kết luận|thông báo|chỉ đạo|giao|trả lời)`,
    "u",
  ).exec(clean);
  if (!m) {
    if (signerTitle && /THƯỜNG TRỰC HĐND/u.test(signerTitle)) return "Thường trực HĐND";
    return null;
  }
  let issuer = m[1]!.replace(/^Chủ tịch\s+/u, "");
  if (m[2]) issuer += ` ${m[2]}`;
  else {
    // the proper name often appears elsewhere: "thị xã Đức Phổ"
    const level = /\s(tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu)$/u.exec(issuer)?.[1];
    if (level) {
      const named = new RegExp(`${level}\\s+([\\p{Lu}][\\p{L}\\p{M}]*(?:\\s+[\\p{Lu}][\\p{L}\\p{M}]*){0,2})`, "u").exec(clean);
      if (named) issuer += ` ${named[1]}`;
    }
  }
  return issuer.replace(/Ủy ban nhân dân|Uỷ ban nhân dân/u, "UBND").replace(/Hội đồng nhân dân/u, "HĐND");
}
