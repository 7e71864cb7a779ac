/**
 * Detecting Vietnamese text typed in the pre-Unicode encodings still found in old Word files and
 * their PDFs: TCVN3 (ABC, fonts ".VnTime") and VNI (fonts "VNI-Times").
 *
 * Both put Vietnamese letters on Latin-1 code points, so once read as Unicode (or as
 * windows-1252 bytes) the text shows their fingerprints:
 *   TCVN3: one symbol per accented letter — "Céng hoµ x· héi chñ nghÜa ViÖt Nam": µ = à, · = ã,
 *          ¸ = á, ¶ = ả, ¹ = ạ, ® = đ, § = Đ, ¨ = ă, © = â, ª = ê, « = ô, ¬ = ơ, U+00AD = ư;
 *   VNI:   base vowel + a Latin-1 mark — "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam": aø = à,
 *          aù = á, oä = ộ, ñ = đ, ö = ư, ô = ơ.
 * Real Unicode Vietnamese never has these symbols inside words, nor a vowel followed by a Latin-1
 * accented vowel, so a few occurrences are enough.
 *
 * Both code tables are fixed and public (TCVN 5712:1993 VN3; VNI Windows), so the text is converted
 * to Unicode here (`convertLegacyVietnamese`) rather than refused. No maintained npm package does
 * it (those published are unmaintained one-off releases); the tables below are the whole of it.
 */
export type LegacyEncoding = "tcvn3" | "vni";

// TCVN3 letters that are symbols in Latin-1 (¡..¾: µ ¸ · ¶ ¹ ® § ¨ © ª « ¬ ...), seen inside a word.
// Accented Latin-1 letters (é, à, ô ...) are left out: Unicode Vietnamese uses them too.
const TCVN3_IN_WORD = /[a-zA-Z\u00c0-\u00ff][\u00a1-\u00be]|[\u00a1-\u00be][a-zA-Z]/g;
const TCVN3_WORDS =
  /(?<![\p{L}])(?:c¸c|vµ|ngµy|th¸ng|n¨m|®Ò nghÞ|®¬n vÞ|b¸o c¸o|ViÖt Nam|nh©n d©n|Héi ®ång|Uû ban|tØnh|huyÖn)(?![\p{L}])/gu;

// VNI marks that are never Vietnamese letters in Unicode (ø = huyền, û = hỏi, ï = nặng, ä, å, ë, ü),
// right after a vowel; and ñ/ö (đ/ư) inside a word.
const VNI_PAIRS =
  /[aeiouyAEIOUY][\u00f8\u00fb\u00ef\u00e4\u00e5\u00eb\u00fc\u00d8\u00db\u00cf\u00c4\u00c5\u00cb\u00dc]|[a-zA-Z][\u00f1\u00f6\u00d1\u00d6]|[\u00f1\u00d1][a-zA-Z]/g;
const VNI_WORDS =
  /(?<![\p{L}])(?:caùc|vaø|ngaøy|thaùng|naêm|ñeà nghò|ñôn vò|baùo caùo|Vieät Nam|nhaân daân|Hoäi ñoàng|UÛy ban|Uûy ban|tænh|huyeän)(?![\p{L}])/gu;

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  return text.match(re)?.length ?? 0;
}

export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  const sample = text.slice(0, 50_000);
  const words = Math.max(1, sample.split(/\s+/).length);
  const vniPairs = count(VNI_PAIRS, sample);
  const vniScore = count(VNI_WORDS, sample) * 5 + vniPairs;
  const tcvnInWord = count(TCVN3_IN_WORD, sample);
  const tcvnScore = count(TCVN3_WORDS, sample) * 5 + tcvnInWord;
  if (vniScore >= 8 && vniPairs / words > 0.05 && vniScore >= tcvnScore) return "vni";
  if (tcvnScore >= 8 && tcvnInWord / words > 0.05) return "tcvn3";
  return null;
}

// ---------------------------------------------------------------- conversion

/**
 * TCVN3 (ABC): one Latin-1 code per lower-case accented letter, and seven upper-case letters. The
 * other upper-case accented letters are typed with the same codes in the capitals font (.VnTimeH),
 * so in extracted text they look lower-case; `fixCapitals` restores them in all-caps words.
 */
const TCVN3: Record<string, string> = {
  "\u00a1": "Ă",
  "\u00a2": "Â",
  "\u00a3": "Ê",
  "\u00a4": "Ô",
  "\u00a5": "Ơ",
  "\u00a6": "Ư",
  "\u00a7": "Đ",
  "\u00a8": "ă",
  "\u00a9": "â",
  "\u00aa": "ê",
  "\u00ab": "ô",
  "\u00ac": "ơ",
  "\u00ad": "ư",
  "\u00ae": "đ",
  "\u00b5": "à",
  "\u00b6": "ả",
  "\u00b7": "ã",
  "\u00b8": "á",
  "\u00b9": "ạ",
  "\u00bb": "ằ",
  "\u00bc": "ẳ",
  "\u00bd": "ẵ",
  "\u00be": "ắ",
  "\u00c6": "ặ",
  "\u00c7": "ầ",
  "\u00c8": "ẩ",
  "\u00c9": "ẫ",
  "\u00ca": "ấ",
  "\u00cb": "ậ",
  "\u00cc": "è",
  "\u00ce": "ẻ",
  "\u00cf": "ẽ",
  "\u00d0": "é",
  "\u00d1": "ẹ",
  "\u00d2": "ề",
  "\u00d3": "ể",
  "\u00d4": "ễ",
  "\u00d5": "ế",
  "\u00d6": "ệ",
  "\u00d7": "ì",
  "\u00d8": "ỉ",
  "\u00dc": "ĩ",
  "\u00dd": "í",
  "\u00de": "ị",
  "\u00df": "ò",
  "\u00e1": "ỏ",
  "\u00e2": "õ",
  "\u00e3": "ó",
  "\u00e4": "ọ",
  "\u00e5": "ồ",
  "\u00e6": "ổ",
  "\u00e7": "ỗ",
  "\u00e8": "ố",
  "\u00e9": "ộ",
  "\u00ea": "ờ",
  "\u00eb": "ở",
  "\u00ec": "ỡ",
  "\u00ed": "ớ",
  "\u00ee": "ợ",
  "\u00ef": "ù",
  "\u00f1": "ủ",
  "\u00f2": "ũ",
  "\u00f3": "ú",
  "\u00f4": "ụ",
  "\u00f5": "ừ",
  "\u00f6": "ử",
  "\u00f7": "ữ",
  "\u00f8": "ứ",
  "\u00f9": "ự",
  "\u00fa": "ỳ",
  "\u00fb": "ỷ",
  "\u00fc": "ỹ",
  "\u00fd": "ý",
  "\u00fe": "ỵ",
};

// VNI Windows: a base letter followed by a mark character. Tone marks (combining): ù sắc, ø huyền,
// û hỏi, õ ngã, ï nặng; â circumflex (a, e, o), ê breve (a); a circumflex with a tone is one mark
// (á ấ, à ầ, å ẩ, ã ẫ, ä ậ) and so is a breve with a tone (é ắ, è ằ, ú ẳ, ü ẵ, ë ặ). Capitals use
// the capital marks (Ù Ø Û Õ Ï Â Ê Á À Å Ã Ä É È Ú Ü Ë). Single characters: ñ đ, ô ơ, ö ư, and the
// i's and ỵ written apart: í ì æ(ỉ) ó(ĩ) ò(ị) î(ỵ).
const ACUTE = "\u0301";
const GRAVE = "\u0300";
const HOOK = "\u0309";
const TILDE = "\u0303";
const DOT = "\u0323";
const CIRC = "\u0302";
const BREVE = "\u0306";
const VNI_MARKS: Record<string, string> = {
  ù: ACUTE,
  ø: GRAVE,
  û: HOOK,
  õ: TILDE,
  ï: DOT,
  â: CIRC,
  ê: BREVE,
  á: CIRC + ACUTE,
  à: CIRC + GRAVE,
  å: CIRC + HOOK,
  ã: CIRC + TILDE,
  ä: CIRC + DOT,
  é: BREVE + ACUTE,
  è: BREVE + GRAVE,
  ú: BREVE + HOOK,
  ü: BREVE + TILDE,
  ë: BREVE + DOT,
};
/** Marks that combine a circumflex or a breve: only after the letters that take one. */
const VNI_SHAPE_BASES: Record<string, string> = { [CIRC]: "aeoAEO", [BREVE]: "aA" };
const VNI_SINGLE: Record<string, string> = {
  ñ: "đ",
  Ñ: "Đ",
  ô: "ơ",
  Ô: "Ơ",
  ö: "ư",
  Ö: "Ư",
  í: "í",
  Í: "Í",
  ì: "ì",
  Ì: "Ì",
  æ: "ỉ",
  Æ: "Ỉ",
  ó: "ĩ",
  Ó: "Ĩ",
  ò: "ị",
  Ò: "Ị",
  î: "ỵ",
  Î: "Ỵ",
};
const VNI_BASES = new Set([..."aeiouyAEIOUY", "ô", "Ô", "ö", "Ö"]);

function vniMark(ch: string, base: string): string | null {
  const mark = VNI_MARKS[ch.toLowerCase()];
  if (!mark) return null;
  // capital letters take capital marks; a lower-case mark after a capital is still a mark
  const shape = mark[0] === CIRC || mark[0] === BREVE ? mark[0] : null;
  if (shape && !VNI_SHAPE_BASES[shape]!.includes(base)) return null;
  return mark;
}

function fromVni(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (VNI_BASES.has(ch) && next !== undefined) {
      const base = VNI_SINGLE[ch] ?? ch; // ô → ơ, ö → ư take tone marks too
      const mark = vniMark(next, ch);
      if (mark && !(base !== ch && (mark[0] === CIRC || mark[0] === BREVE))) {
        out += (base + mark).normalize("NFC");
        i++;
        continue;
      }
    }
    out += VNI_SINGLE[ch] ?? ch;
  }
  return out;
}

function fromTcvn3(text: string): string {
  let out = "";
  for (const ch of text) out += TCVN3[ch] ?? ch;
  return fixCapitals(out);
}

/**
 * Words typed in the capitals font come out with lower-case accented letters ("CộNG HOà"): a word
 * whose plain letters are all capitals (two or more, or one next to an all-caps word) is upper-cased.
 */
function fixCapitals(text: string): string {
  return text.split("\n").map(fixCapitalsInLine).join("\n");
}

function fixCapitalsInLine(text: string): string {
  const words = text.split(/(\s+)/);
  const ascii = (w: string) => w.replace(/[^A-Za-z]/g, "");
  const allCaps = (w: string) => ascii(w).length >= 2 && ascii(w) === ascii(w).toUpperCase();
  return words
    .map((w, k) => {
      if (!/[\p{Ll}]/u.test(w)) return w;
      const a = ascii(w);
      if (a.length === 0 || a !== a.toUpperCase()) return w;
      if (a.length >= 2 || allCaps(words[k - 2] ?? "") || allCaps(words[k + 2] ?? "")) return w.toUpperCase();
      return w;
    })
    .join("");
}

/** Word keeps the characters of symbol fonts in the private-use area (U+F020-U+F0FF); legacy fonts land there too. */
function fromSymbolArea(text: string): string {
  return /[\uf020-\uf0ff]/u.test(text) ? text.replace(/[\uf020-\uf0ff]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xf000)) : text;
}

/** Text typed in TCVN3 or VNI, read as Latin-1 or windows-1252, converted to Unicode (NFC). */
export function convertLegacyVietnamese(text: string, encoding: LegacyEncoding): string {
  const t = fromSymbolArea(text);
  return (encoding === "tcvn3" ? fromTcvn3(t) : fromVni(t)).normalize("NFC");
}

/** Detect a legacy encoding (also in Word's symbol area) and convert; null when the text is Unicode. */
export function decodeLegacyVietnamese(text: string): { text: string; encoding: LegacyEncoding } | null {
  const encoding = detectLegacyEncoding(text) ?? detectLegacyEncoding(fromSymbolArea(text));
  return encoding ? { text: convertLegacyVietnamese(text, encoding), encoding } : null;
}
