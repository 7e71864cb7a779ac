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
 * No maintained npm package converts these encodings reliably (the ones published are unmaintained
 * one-off releases), so the extractor reports them and asks for a Unicode copy instead.
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
