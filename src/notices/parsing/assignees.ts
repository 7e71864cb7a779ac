/**
 * Who a task is given to.
 *
 * Vietnamese administrative sentences put the actor first ("Sở Tài chính chủ trì, ...") or right
 * after a directive verb ("Giao Sở Tài chính ...", "Đề nghị Thường trực HĐND các xã ...",
 * "UBND tỉnh giao Thanh tra tỉnh ..."). An organisation name is a head word (UBND, Sở, Ban, Phòng,
 * Văn phòng, Thanh tra, Chủ tịch, đồng chí, ...) followed by name words; only the first syllable of
 * each name component is capitalised ("Sở Kế hoạch và Đầu tư"), so the end of a name cannot be
 * found from capitals alone. It is found where the predicate starts: a lower-case verb or function
 * word from a lexicon ("chủ trì", "phối hợp", "có trách nhiệm", "rà soát", "trước", ...).
 */
import type { AssigneeScope } from "./types.js";

export interface ActorMatch {
  text: string; // clean text of the actor phrase
  start: number; // clean offsets
  end: number;
  /** Followed by "được ..."/"liên quan": a restricted class ("các phường, xã được giám sát"). */
  restricted: boolean;
}

const LB = "(?<![\\p{L}\\p{M}\\d])";
const RB = "(?![\\p{L}\\p{M}\\d])";

// Head words that open an organisation, a post or a role. Case-sensitive on purpose: capitalised
// heads are names; the lower-case ones are posts and roles written in running text.
const HEAD_WORDS = [
  "Ủy ban nhân dân",
  "Uỷ ban nhân dân",
  "Ủy ban bầu cử",
  "Ủy ban MTTQ",
  "Uỷ ban MTTQ",
  "Ủy ban Mặt trận",
  "Ủy ban",
  "Uỷ ban",
  "UBND",
  "UBMTTQVN",
  "UBMTTQ",
  "MTTQ",
  "Mặt trận",
  "Hội đồng nhân dân",
  "HĐND",
  "Hội đồng",
  "Thường trực",
  "TTr",
  "TT",
  "Ban(?! hành)",
  "Sở(?! hữu)",
  "Phòng(?!,? chống| ngừa| tránh)",
  "Văn phòng",
  "Thanh tra",
  "Công an",
  "Cục",
  "Chi cục",
  "Tổng cục",
  "Bộ Chỉ huy",
  "Ban Chỉ huy",
  "Bộ(?! máy| phận| hồ sơ)",
  "Bộ phận",
  "Kho bạc",
  "Tổ(?! chức)",
  "Đoàn(?! kết)",
  "Hội(?! nghị| đồng nhân)",
  "Trung tâm",
  "Ngân hàng",
  "Đài",
  "Báo(?! cáo)",
  "Trường(?! hợp)",
  "Bệnh viện",
  "Viện",
  "Liên đoàn",
  "Tỉnh đoàn",
  "Huyện đoàn",
  "Thành đoàn",
  "Bảo hiểm xã hội",
  "BHXH",
  "Chi nhánh",
  "Quỹ",
  "Công ty",
  "Tổng công ty",
  "Đảng ủy",
  "Đảng uỷ",
  "Huyện ủy",
  "Tỉnh ủy",
  "Thị ủy",
  "Thành ủy",
  "Hạt",
  "Đội(?! ngũ)",
  "Chi bộ",
  "Cảng vụ",
  "Kiểm lâm",
  "Cơ quan",
  "Đơn vị",
  "Chủ tịch",
  "Phó Chủ tịch",
  "Giám đốc",
  "Phó Giám đốc",
  "Thủ trưởng",
  "Tổ trưởng",
  "Trưởng",
  "Phó Trưởng",
  "Phó trưởng",
  "Chánh Văn phòng",
  "Phó Chánh Văn phòng",
  "Chánh Thanh tra",
  "Chánh",
  "Bí thư",
  "Phó Bí thư",
  "Đồng chí",
  "đồng chí",
  "Đại biểu",
  "đại biểu",
  "Người đứng đầu",
  "người đứng đầu",
  "Công chức",
  "công chức",
  "Cán bộ",
  "cán bộ",
  "Chuyên viên",
  "chuyên viên",
  "đơn vị",
  "cơ quan",
  "chủ đầu tư",
  "Chủ đầu tư",
  "nhà thầu",
  "Nhà thầu",
  "trưởng thôn",
  "thủ trưởng",
  "Quý cơ quan",
  "Quý đơn vị",
  "Ông",
  "Bà",
  "ông",
  "bà(?! con)",
];

// After "các"/"tất cả các": class nouns written in lower case ("các sở, ngành", "các xã, phường").
const CLASS_NOUNS = [
  "sở",
  "ban",
  "ngành",
  "phòng",
  "huyện",
  "quận",
  "thị xã",
  "thành phố",
  "xã",
  "phường",
  "thị trấn",
  "đặc khu",
  "thôn",
  "tổ dân phố",
  "khu phố",
  "ấp",
  "bản",
  "buôn",
  "địa phương",
  "cơ quan",
  "đơn vị",
  "đoàn thể",
  "hội",
  "doanh nghiệp",
  "trường",
  "tổ chức",
  "cơ sở",
  "đại biểu",
  "tổ",
  "đồng chí",
  "thành viên",
  "chủ đầu tư",
  "xã, phường",
  "Tổ đại biểu",
];

// "các", "tất cả các", and a count ("hai Ban HĐND xã", "02 Ban", "cả ba xã") before a class noun
const QUANTIFIER_RE =
  /^(?:[Tt]ất cả các|[Tt]ất cả|[Tt]oàn bộ|[Tt]oàn thể|[Mm]ỗi|[Tt]ừng|[Cc]ác|[Nn]hững|(?:[Cc]ả\s+)?(?:[Hh]ai|[Bb]a|[Bb]ốn|0?[2-9]))\s+/u;
const HEAD_RE = new RegExp(`^(?:${HEAD_WORDS.map((h) => h.replace(/ /g, "\\s+")).join("|")})${RB}`, "u");
const CLASS_RE = new RegExp(
  `^(?:${[...CLASS_NOUNS]
    .sort((a, b) => b.length - a.length)
    .map((c) => c.replace(/ /g, "\\s+"))
    .join("|")})${RB}`,
  "u",
);

// Lower-case words that start the predicate (or a modifier) and so end the actor phrase.
const PREDICATES = [
  "chủ trì",
  "phối hợp",
  "có trách nhiệm",
  "chịu trách nhiệm",
  "thực hiện",
  "tổ chức",
  "rà soát",
  "kiểm tra",
  "tổng hợp",
  "báo cáo",
  "xây dựng",
  "hướng dẫn",
  "chỉ đạo",
  "tham mưu",
  "nghiên cứu",
  "đề xuất",
  "hoàn thành",
  "hoàn thiện",
  "hoàn chỉnh",
  "hoàn tất",
  "gửi",
  "nộp",
  "cung cấp",
  "trình",
  "theo dõi",
  "đôn đốc",
  "thẩm định",
  "thẩm tra",
  "tập trung",
  "khẩn trương",
  "chủ động",
  "căn cứ",
  "tiếp tục",
  "khảo sát",
  "giám sát",
  "lập",
  "cập nhật",
  "thống kê",
  "triển khai",
  "bố trí",
  "bảo đảm",
  "đảm bảo",
  "làm việc",
  "quan tâm",
  "ban hành",
  "phê duyệt",
  "giải quyết",
  "xử lý",
  "xác minh",
  "xác định",
  "cử",
  "phân công",
  "sớm",
  "kịp thời",
  "nghiêm túc",
  "thông báo",
  "tuyên truyền",
  "đánh giá",
  "hỗ trợ",
  "tiếp thu",
  "soạn thảo",
  "biên soạn",
  "chuẩn bị",
  "lấy",
  "tham gia",
  "theo",
  "trong",
  "trước",
  "chậm nhất",
  "xem xét",
  "điều chỉnh",
  "tích cực",
  "phải",
  "cần",
  "sẽ",
  "đã",
  "đang",
  "được",
  "với",
  "để",
  "về",
  "định kỳ",
  "thường xuyên",
  "nắm",
  "phản ánh",
  "giải trình",
  "tiến hành",
  "kích hoạt",
  "niêm yết",
  "in",
  "mời",
  "bàn giao",
  "di dời",
  "đẩy nhanh",
  "kiện toàn",
  "tổng kết",
  "sơ kết",
  "ký",
  "dự",
  "tăng cường",
  "duy trì",
  "tiếp nhận",
  "yêu cầu",
  "đề nghị",
  "giao",
  "là",
  "có",
  "tại",
  "vào",
  "từ",
  "đến",
  "nhằm",
  "cho",
  "sau",
  "ngay",
  "khi",
  "nếu",
  "thì",
  "bổ sung",
  "trả lời",
  "tiếp xúc",
  "trực tiếp",
  "cụ thể",
  "nhanh chóng",
  "nâng cấp",
  "kiến nghị",
  "vận động",
  "phổ biến",
  "quán triệt",
  "lựa chọn",
  "phân bổ",
  "bãi bỏ",
  "sửa đổi",
  "chấn chỉnh",
  "khắc phục",
  "chuyển",
  "sắp xếp",
  "thành lập",
  "giải ngân",
  "thông tin",
  "lưu ý",
  "ủy quyền",
  "phân loại",
  "đăng ký",
  "thu hồi",
  "cấp",
  "thanh tra",
  "kiểm điểm",
  "dừng",
  "tạm dừng",
  "nhận",
  "không",
  "chưa",
  "cùng",
  "đồng thời",
  "trên",
  "bằng",
  "qua",
  "nghiêm",
  "ưu tiên",
  "quyết định",
  "phát hành",
  "đăng tải",
  "hoặc",
  "mà",
  "nhưng",
  "tự",
  "đề ra",
  "trình bày",
  "chịu",
  "tiếp",
  "làm",
  "đưa",
  "đi",
  "ra",
  "rà",
  "biết",
  "thi hành",
  "áp dụng",
  "kiểm soát",
  "quản lý",
  "vận hành",
  "chấp hành",
  "hoàn",
  "thẩm",
  "phát huy",
  "nâng cao",
  "đổi mới",
  "chú trọng",
  "tăng",
  "giảm",
  "trả",
  "thanh toán",
  "tập hợp",
  "thu thập",
  "ghi nhận",
  "phản hồi",
  "làm rõ",
  "thống nhất",
  "cho ý kiến",
  "góp ý",
  "họp",
  "kiểm kê",
  "sửa chữa",
  "chi trả",
  "thông qua",
  "nêu",
  "phúc đáp",
  "xin",
  "số hóa",
  "kê khai",
  "nhập",
  "rút kinh nghiệm",
  "tiếp tục",
  "nghiêm túc",
  "quyết liệt",
  "cam kết",
  "liên hệ",
  "trao đổi",
]; // the lexicon grows with the verbs that follow a subject in administrative writing
const PREDICATE_RE = new RegExp(
  `^(?:${[...PREDICATES]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/ /g, "\\s+"))
    .join("|")})${RB}`,
  "u",
);

const BODY_FUNCTION_RE =
  /^(?:giám\s+sát|khảo\s+sát|kiểm\s+tra|công\s+tác|giúp\s+việc|chỉ\s+đạo|thư\s+ký|thẩm\s+định|biên\s+tập|điều\s+hành)(?![\p{L}\p{M}\d])/u;
const WORD_RE = /^[\p{L}\p{M}\d][\p{L}\p{M}\d'’&./]*/u;
const LEVEL_RE =
  /^(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu|thôn|tổ dân phố|khu phố|cấp tỉnh|cấp huyện|cấp xã)(?![\p{L}\p{M}\d])/u;

/** Whether an actor phrase starts at `pos` (after an optional quantifier). */
export function startsActor(s: string): boolean {
  const q = QUANTIFIER_RE.exec(s);
  const rest = q ? s.slice(q[0].length) : s;
  return HEAD_RE.test(rest) || (!!q && CLASS_RE.test(rest));
}

/**
 * Read an actor phrase starting at clean offset `pos` (no further than `limit`). Returns null when
 * no head word starts there.
 */
export function parseActorAt(clean: string, pos: number, limit: number): ActorMatch | null {
  const s = clean.slice(pos, limit);
  let i = 0;
  const q = QUANTIFIER_RE.exec(s);
  if (q) i += q[0].length;
  let head = HEAD_RE.exec(s.slice(i));
  if (!head && q) head = CLASS_RE.exec(s.slice(i));
  if (!head) return null;
  i += head[0].length;
  let end = i;
  let words = 0;
  let prevWord = head[0].split(/\s+/).pop() ?? head[0];
  while (i < s.length && words < 30) {
    let j = i;
    while (j < s.length && s[j] === " ") j++;
    if (j >= s.length) break;
    const ch = s[j]!;
    const rest = s.slice(j + 1).trimStart();
    if (ch === "," || ch === ";") {
      // a list goes on when the next item is another actor, a class noun ("các xã, phường") or a
      // proper name after a class ("các đặc khu Phú Quốc, Kiên Hải")
      if (
        startsActor(rest) ||
        CLASS_RE.test(rest) ||
        LEVEL_RE.test(rest) ||
        (ch === "," && /^[\p{Lu}]/u.test(rest) && !PREDICATE_RE.test(rest) && !/^(?:Đề nghị|Giao|Yêu cầu)/u.test(rest))
      ) {
        i = j + 1;
        continue;
      }
      break;
    }
    if (ch === ":") {
      // "Các Sở: Giao thông vận tải, Xây dựng" and "UBND các phường: Tam Quan, Bồng Sơn"
      if (/^(?:sở|ban|phòng|xã|phường|đặc khu|huyện|thôn|Sở|Ban|Phòng|đơn vị|cơ quan)$/u.test(prevWord) && /^[\p{Lu}]/u.test(rest)) {
        i = j + 1;
        continue;
      }
      break;
    }
    if (ch === "-") {
      // name-internal dash: "Kinh tế - Xã hội", "Văn phòng - Thống kê"
      if (/^[\p{Lu}]/u.test(rest)) {
        i = j + 1;
        continue;
      }
      break;
    }
    const w = WORD_RE.exec(s.slice(j));
    if (!w) break;
    const word = w[0].replace(/[.]+$/, "");
    const after = s.slice(j + w[0].length).trimStart();
    if (word === "và" || word === "của") {
      if (startsActor(after) || /^[\p{Lu}]/u.test(after)) {
        i = j + w[0].length;
        continue;
      }
      break;
    }
    // "Đoàn giám sát", "Tổ công tác", "Ban chỉ đạo": a verb that names the body right after its head
    const compound = /^(?:Đoàn|Tổ|Ban|Hội đồng|đoàn|tổ)$/u.test(prevWord) ? BODY_FUNCTION_RE.exec(s.slice(j)) : null;
    if (compound) {
      i = j + compound[0].length;
      end = i;
      words++;
      prevWord = compound[0];
      continue;
    }
    // "cấp xã", "cấp huyện": a level, not the verb "cấp"
    const level = /^cấp\s+(?:xã|huyện|tỉnh|cơ\s+sở|trên|dưới)(?![\p{L}\p{M}\d])/u.exec(s.slice(j));
    if (level) {
      i = j + level[0].length;
      end = i;
      words += 2;
      prevWord = level[0];
      continue;
    }
    if (PREDICATE_RE.test(s.slice(j))) {
      // "Sở giao thông Vận tải": a department name written with a lower-case component goes on when
      // a capitalised word of the name follows ("giao" is no verb here)
      const bridge =
        words === 0 && DEPARTMENT_HEAD_RE.test(prevWord) ? /^(?:[\p{Ll}\p{M}]+\s+){1,3}(?=\p{Lu}[\p{Ll}\p{M}])/u.exec(s.slice(j)) : null;
      if (!bridge) break;
      i = j + bridge[0].trimEnd().length;
      end = i;
      words += 2;
      prevWord = bridge[0].trim();
      continue;
    }
    // a following "(" ends the name too; the word itself is part of the name
    i = j + word.length;
    end = i;
    words++;
    prevWord = word;
    if (w[0].endsWith(".") && word.length > 0) break; // a full stop ends the sentence
  }
  // drop trailing connectors
  let text = s.slice(0, end).replace(/[\s,;:-]+$/u, "");
  text = text.replace(/\s+(?:và|của)$/u, "");
  if (!text) return null;
  const tail = s.slice(text.length).trimStart();
  const restricted = /^(?:được\s+\p{L}+|liên quan|có liên quan)/u.test(tail);
  return { text, start: pos, end: pos + text.length, restricted };
}

/** Sentence-initial adverbials that precede the subject. */
const ADVERBIAL_RE =
  /^(?:Theo đó|Đồng thời|Ngoài ra|Bên cạnh đó|Mặt khác|Trước mắt|Trong đó|Sau đó|Tiếp đó|Cùng với đó|Trên cơ sở [^,;:]{0,80}|Căn cứ [^,;:]{0,120}|Thực hiện [^;:]{0,200}?|Sau khi [^,;:]{0,120}|Để [^,;:]{0,120})\s*,\s*(?=\S)/u;
/** Topic prefixes ending with a colon: "Đối với kiến nghị ...:", "Về ...:", "... như sau:". */
const TOPIC_RE =
  /^(?:(?:Đối với|Về|Riêng|Trả lời|Ý kiến)[^:;]{0,240}|[^:;]{0,200}?(?:như sau|sau đây|chỉ đạo|kết luận|ý kiến|yêu cầu|đề nghị|nêu rõ))\s*:\s*/u;
const DIRECTIVE_RE =
  /^(?:Kính đề nghị|Trân trọng đề nghị|Đề nghị|đề nghị|Giao cho|giao cho|Giao|giao|Yêu cầu|yêu cầu|Phân công|phân công|Ủy quyền|Uỷ quyền|ủy quyền|Chỉ định|Mời)\s+/u;
/**
 * A directive verb hands the task to its object: "UBND tỉnh giao Thanh tra tỉnh ...", "UBND tỉnh
 * chuyển đơn, yêu cầu Chủ tịch UBND huyện ...". A direction already given ("Sở GTVT đã chỉ đạo đơn vị
 * quản lý tuyến đường khắc phục ...") leaves the work with the one directed; a present "X chỉ đạo Y"
 * in a directive keeps X answerable.
 */
const DELEGATION_RE =
  /(?:^|[\s,])(?:(?:đã\s+)?(?:giao(?:\s+cho)?|yêu\s+cầu|đề\s+nghị|phân\s+công|ủy\s+quyền|uỷ\s+quyền|chỉ\s+định)|đã\s+chỉ\s+đạo)\s+/gu;
/** How far after its subject a directive verb may come (a short first predicate, "chuyển đơn, "). */
const DELEGATION_WITHIN = 40;
const DEPARTMENT_HEAD_RE = /^(?:Sở|Phòng|Cục|Ban|Vụ|Viện|Trung tâm)$/u;
const RESPONSIBLE_RE = /\s(?:có|chịu)\s+trách\s+nhiệm(?![\p{L}])/u;
const PRONOUN_RE = /^(?:Quý cơ quan|Quý đơn vị|Quý Sở|Quý Ban|[Cc]ác đồng chí|[Đđ]ồng chí)$/u;

export interface ClauseActor {
  actor: ActorMatch | null;
  /** The clause opens with a directive ("Đề nghị", "Giao", "Yêu cầu") whose actor is not written. */
  directiveWithoutActor: boolean;
  /** Offset where the clause's content starts after adverbials and a topic prefix. */
  contentStart: number;
  /** The actor is a second-person pronoun ("Quý cơ quan", "đồng chí") standing for the addressees. */
  pronoun: boolean;
}

/** Offset after sentence-initial adverbials and a "Đối với ...:" topic prefix. */
export function skipPreamble(clean: string, start: number, end: number): number {
  let pos = start;
  for (let k = 0; k < 3; k++) {
    const s = clean.slice(pos, end);
    const m = purposeClause(s) ?? ADVERBIAL_RE.exec(s) ?? TOPIC_RE.exec(s) ?? circumstance(s);
    if (!m) break;
    pos += m[0].length;
  }
  return pos;
}

/**
 * A sentence that opens with its purpose or basis ("Để có cơ sở tổng hợp, báo cáo Bộ ..., UBND tỉnh
 * đề nghị ...", "Thực hiện Công văn số ..., Thường trực HĐND tỉnh yêu cầu ...") reaches its subject
 * at the comma followed by a body and its directive verb, however many commas the purpose has.
 */
function purposeClause(s: string): { 0: string } | null {
  if (!/^(?:Để|Nhằm|Thực hiện|Căn cứ|Trên cơ sở|Theo|Sau khi|Qua)\s/u.test(s)) return null;
  const re = /,\s*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const at = m.index + m[0].length;
    if (at > 400) break;
    const rest = s.slice(at);
    const actor = parseActorAt(rest, 0, Math.min(rest.length, 200));
    if (
      actor &&
      /^\s*(?:đã\s+)?(?:đề\s+nghị|yêu\s+cầu|giao|chỉ\s+đạo|thông\s+báo|kết\s+luận|có\s+ý\s+kiến)(?![\p{L}\p{M}])/u.test(
        rest.slice(actor.end),
      )
    )
      return { 0: s.slice(0, at) };
  }
  return null;
}

/**
 * A short phrase of circumstance before the subject, closed by a comma: "Kết luận cuộc họp, đồng chí
 * Chủ tịch ...", "Tại buổi làm việc, Thường trực HĐND ...", "Kết thúc phiên họp, bà ...". It names no
 * actor itself, and an actor starts right after it.
 */
function circumstance(s: string): RegExpExecArray | null {
  const m = /^([^,;:()]{3,60}),\s*/u.exec(s);
  if (!m || /\d/.test(m[1]!)) return null;
  // no actor anywhere in it ("Báo cáo của các cơ quan, đơn vị gửi ..." is a subject, not a circumstance)
  const words = m[1]!.split(/\s+/u);
  if (words.some((_, k) => startsActor(words.slice(k).join(" ")))) return null;
  return startsActor(s.slice(m[0].length)) ? m : null;
}

/** Find who a clause speaks to or about. */
export function findClauseActor(clean: string, start: number, end: number, limit = end): ClauseActor {
  const contentStart = skipPreamble(clean, start, end);
  const s = clean.slice(contentStart, end);
  const result = (actor: ActorMatch | null, directiveWithoutActor = false): ClauseActor => ({
    actor,
    directiveWithoutActor,
    contentStart,
    pronoun: !!actor && PRONOUN_RE.test(actor.text),
  });
  const directive = DIRECTIVE_RE.exec(s);
  if (directive) {
    const a = parseActorAt(clean, contentStart + directive[0].length, end);
    return a ? result(a) : result(null, true);
  }
  let actor = parseActorAt(clean, contentStart, end);
  if (actor) {
    // "UBND tỉnh giao Thanh tra tỉnh ...": the actor of the task is the second one
    const after = clean.slice(actor.end, Math.min(end, limit));
    DELEGATION_RE.lastIndex = 0;
    let d: RegExpExecArray | null;
    while ((d = DELEGATION_RE.exec(after)) && d.index <= DELEGATION_WITHIN) {
      const second = parseActorAt(clean, actor.end + d.index + d[0].length, end);
      if (second) return result(second);
    }
    // "<actor phrase with a relative clause> có trách nhiệm ...": take everything before it
    const resp = RESPONSIBLE_RE.exec(s);
    const between = resp ? s.slice(actor.text.length, resp.index).trim() : "";
    if (resp && resp.index > actor.text.length && resp.index < 160 && /^(?:\(|đang\s|được\s|đã\s|là\s|thuộc\s|có\s)/u.test(between)) {
      const text = s.slice(0, resp.index).trim();
      actor = { text, start: contentStart, end: contentStart + text.length, restricted: false };
    }
    return result(actor);
  }
  // "Báo cáo (hoàn thành) của các cơ quan, đơn vị gửi về ...": what is handed over is the subject, and
  // whose it is names who hands it over
  const owner = DELIVERABLE_OF_RE.exec(s);
  if (owner) {
    const a = parseActorAt(clean, contentStart + owner[0].length, end);
    if (a) return result(a);
  }
  return result(null);
}

const DELIVERABLE_OF_RE =
  /^(?:Báo cáo|Văn bản|Hồ sơ|Ý kiến|Dự thảo|Kết quả|Danh sách|Tài liệu|Số liệu|Đề xuất|Kế hoạch)(?:\s+[\p{Ll}\p{M}]+){0,6}?\s+của\s+/u;

/** Units after "phối hợp (với)": informed and involved, never the assignee. */
export function findCooperating(clean: string, start: number, end: number): string[] {
  const s = clean.slice(start, end);
  const out: string[] = [];
  const re = /phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const a = parseActorAt(clean, start + m.index + m[0].length, end);
    if (a) out.push(...splitElements(a.text));
  }
  return [...new Set(out)];
}

/** Split an actor phrase into its elements ("A, B và C"), keeping class lists ("các xã, phường") whole. */
export function splitElements(text: string): string[] {
  const noParen = text.replace(/\s*\([^)]*\)/g, "").trim();
  const out: string[] = [];
  for (const part of noParen.split(/\s*;\s*/)) {
    let current = "";
    const pieces = part.split(/(\s*,\s*|\s+và\s+)/u);
    for (let k = 0; k < pieces.length; k += 2) {
      const piece = pieces[k]!.trim();
      if (!piece) continue;
      // "Văn phòng HĐND và UBND xã", "Văn phòng Đoàn ĐBQH và HĐND tỉnh": one office serving two bodies
      const officeOfTwo =
        /^Văn phòng\s/u.test(current) && /và/u.test(pieces[k - 1] ?? "") && /^(?:HĐND|UBND|Hội đồng|Ủy ban|Uỷ ban)/u.test(piece);
      if (current && !officeOfTwo && startsActor(piece) && !/(?:^|\s)(?:các|Các)\s+\p{L}+\s*:?$/u.test(current) && !/:\s/.test(current)) {
        out.push(current);
        current = piece;
      } else {
        current = current ? current + (pieces[k - 1] ?? " ") + piece : piece;
      }
    }
    if (current) out.push(current.trim());
  }
  return out.filter(Boolean);
}

// "các xã Phổ An, Phổ Phong", "UBND các đặc khu Phú Quốc, Kiên Hải", "các Sở: Tài chính, Xây dựng":
// a class followed by the names of its members. Place names capitalise every syllable; after a
// colon any capitalised list is names. An acronym right after the class noun ("các Ban QLDA chuyên
// ngành") says what kind of body it is: the phrase is still the whole class.
const CLASS_WITH_NAMES_RE =
  /^(.*?)(?:[Cc]ác|(?:[Cc]ả\s+)?(?:[Hh]ai|[Bb]a|[Bb]ốn|0?[2-9]))\s+(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|đặc khu|thôn|tổ dân phố|khu phố|bản|ấp|[Ss]ở|[Bb]an|[Pp]hòng|đơn vị|cơ quan|địa phương)(?:\s*:\s+((?!HĐND|UBND|MTTQ|Hội đồng|Ủy ban|Uỷ ban|[Cc]ủa\s)\p{Lu}.*)|\s+((?!HĐND|UBND|MTTQ|Hội đồng|Ủy ban|Uỷ ban|[Cc]ủa\s)(?!\p{Lu}{2,}(?![\p{Ll}]))\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)*(?:\s*(?:,|và)\s*.*)?))$/u;

/** Expand "UBND các đặc khu Phú Quốc, Kiên Hải" → ["UBND đặc khu Phú Quốc", "UBND đặc khu Kiên Hải"]. */
export function expandUnits(element: string): string[] {
  const m = CLASS_WITH_NAMES_RE.exec(element);
  if (!m) return [element];
  const prefix = m[1]!.trim();
  const cls = m[2]!;
  const clsName = /^[sbp]/.test(cls) && cls.length <= 5 ? cls[0]!.toUpperCase() + cls.slice(1) : cls;
  const names = (m[3] ?? m[4])!
    .split(/\s*[,;]\s*|\s+và\s+/u)
    .map((n) => n.trim())
    .filter(Boolean);
  return names.map((n) => [prefix, clsName, n].filter(Boolean).join(" "));
}

type ElementScope = AssigneeScope;

function classifyElement(e: string, issuer: string | null): ElementScope {
  const t = e.trim();
  if (PRONOUN_RE.test(t)) return "unclear";
  if (CLASS_WITH_NAMES_RE.test(t)) return "named_units";
  // "các đơn vị (có) liên quan", "các sở, ngành liên quan": the units concerned, which the text does not name
  if (/(?:^|\s)(?:có\s+)?liên\s+quan$/u.test(t)) return "unclear";
  // a class narrowed to units the document names elsewhere: "các xã được giám sát", "các đơn vị nêu trên"
  if (
    /(?:^|\s)(?:các|Các)\s/u.test(t) &&
    /\s(?:được\s+(?:giám\s+sát|khảo\s+sát|kiểm\s+tra|chọn|lựa\s+chọn)|nêu\s+trên|có\s+tên)(?![\p{L}\p{M}])/u.test(t)
  )
    return "named_units";
  if (/(?:^|\s)(?:các|Các|tất cả|Tất cả|toàn bộ|Toàn bộ|mỗi|Mỗi|từng|Từng|những|Những)\s/u.test(t)) return "all_subunits";
  // a count before a class noun names all of them: "hai Ban HĐND xã", "02 Ban của HĐND"
  if (/^(?:[Cc]ả\s+)?(?:[Hh]ai|[Bb]a|[Bb]ốn|0?[2-9])\s+\p{L}/u.test(t)) return "all_subunits";
  // a level rather than a unit: "UBND cấp xã", "UBND xã, phường, thị trấn"
  if (/(?:^|\s)cấp\s+(?:xã|huyện|cơ sở)(?![\p{L}\p{M}])/u.test(t) && !/cấp\s+\p{L}+\s+\p{Lu}/u.test(t)) return "all_subunits";
  if (
    /(?:^|\s)(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|đặc khu)\s*,\s*(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|đặc khu)(?![\p{L}\p{M}])/u.test(
      t,
    )
  )
    return "all_subunits";
  // a post in every village or residential group: "Trưởng thôn", "Tổ trưởng tổ dân phố"
  if (
    /^(?:Trưởng|Phó Trưởng|Tổ trưởng|Bí thư|Trưởng ban|trưởng)\s+(?:thôn|tổ dân phố|khu phố|ấp|bản|buôn|làng|khu dân cư|tổ)(?![\p{L}\p{M}])(?!\s+\p{Lu})/u.test(
      t,
    )
  )
    return "all_subunits";
  // the council's delegates as a body
  if (/^[Đđ]ại biểu\s+(?:HĐND|Hội đồng nhân dân)/u.test(t)) return "all_subunits";
  // a role, not a named body: "đơn vị thi công", "Đơn vị đang quản lý ..."
  if (/^(?:[Đđ]ơn vị|[Cc]ơ quan|[Tt]ổ chức|[Cc]hủ đầu tư|[Nn]hà thầu|[Nn]gười|[Dd]oanh nghiệp|[Cc]á nhân)(?![\p{L}\p{M}])/u.test(t))
    return "unclear";
  if (
    /^(?:[Đđ]ồng chí|ông|bà|Ông|Bà|Chủ tịch|Phó Chủ tịch|Giám đốc|Phó Giám đốc|Chánh Văn phòng|Phó Chánh Văn phòng|Chánh Thanh tra|Chánh|Trưởng|Phó Trưởng|Phó trưởng|Thủ trưởng|thủ trưởng|Bí thư|Phó Bí thư|[Cc]ông chức|[Cc]án bộ|[Cc]huyên viên|[Nn]gười đứng đầu|Tổ trưởng|Trưởng đoàn|Lãnh đạo)(?![\p{L}\p{M}])/u.test(
      t,
    )
  ) {
    return "person_or_office";
  }
  const standing =
    /^(?:Thường trực|TT|TTr)(?:\s+(?:HĐND|Hội đồng nhân dân))?(?:\s+(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu))?\s*(.*)$/u.exec(
      t,
    );
  if (standing && /^(?:Thường trực|TT|TTr)(?![\p{L}\p{M}])/u.test(t)) {
    const name = standing[1]!.trim();
    if (name && /^\p{Lu}/u.test(name) && !issuer?.includes(name)) return "named_units";
    return "person_or_office";
  }
  if (
    /^Văn phòng(?:\s+(?:HĐND|UBND|Hội đồng|Ủy ban|Uỷ ban|Đoàn|ĐBQH|Thường trực|tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu)(?![\p{L}\p{M}])|\s*$)/u.test(
      t,
    )
  ) {
    return "person_or_office";
  }
  if (/^(?:Tổ giúp việc|Tổ thư ký|Tổ công tác|Tổ biên tập|Đoàn giám sát|Đoàn công tác|Đoàn khảo sát|Bộ phận)(?![\p{L}\p{M}])/u.test(t))
    return "person_or_office";
  return "named_units";
}

/** The scope of a whole actor phrase, and its named units. */
export function classifyActor(text: string | null, issuer: string | null): { scope: AssigneeScope; units: string[] } {
  if (!text) return { scope: "unclear", units: [] };
  const elements = splitElements(text);
  const scopes = elements.map((e) => classifyElement(e, issuer));
  const units = elements.flatMap((e) => expandUnits(e));
  const has = (s: AssigneeScope) => scopes.includes(s);
  let scope: AssigneeScope;
  if (has("named_units")) scope = "named_units";
  else if (has("all_subunits")) scope = "all_subunits";
  else if (has("person_or_office")) scope = "person_or_office";
  else scope = "unclear";
  return { scope, units: scope === "unclear" ? [] : units };
}

/** Whether an actor is a catch-all ("các cơ quan, đơn vị, địa phương (liên quan)") that assigns nothing specific. */
export function isCatchAll(text: string): boolean {
  text = text.replace(/\s+/g, " ");
  return /^(?:các|Các|tất cả các)\s+(?:cơ quan|đơn vị|địa phương|ngành)(?:\s*,\s*(?:các\s+)?(?:cơ quan|đơn vị|địa phương|ngành|sở|ban|tổ chức|cá nhân))*(?:\s+(?:có\s+)?liên quan)?$/u.test(
    text.trim(),
  );
}

/** Actor named by a heading: "1. UBND các huyện, thành phố, thị xã:", "Đối với Ủy ban nhân dân tỉnh". */
export function headingActor(clean: string, start: number, end: number): ActorMatch | null {
  const s = clean.slice(start, end);
  const m = /^(?:Đối với|Trách nhiệm của|Nhiệm vụ của|Giao|Đề nghị)\s+/u.exec(s);
  const pos = m ? start + m[0].length : start;
  const a = parseActorAt(clean, pos, end);
  if (!a) return null;
  // the heading must be (almost) only the actor: "2. Nhiệm vụ trọng tâm" is no actor
  const rest = clean
    .slice(a.end, end)
    .replace(/[\s:.;]+$/u, "")
    .trim();
  if (rest.length > 12) return null;
  return a;
}

/** Actor of a list intro: "UBND tỉnh yêu cầu UBND các huyện, thành phố:". */
export function introActor(clean: string, start: number, end: number): ActorMatch | null {
  const s = clean.slice(start, end);
  const re = /(?:yêu cầu|đề nghị|giao(?: cho)?|Đề nghị|Giao|Yêu cầu)\s+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const a = parseActorAt(clean, start + m.index + m[0].length, end);
    if (a && !isCatchAll(a.text)) return a;
  }
  return null;
}

export { LB, RB };
