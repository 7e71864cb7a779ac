/**
 * Numbers as Vietnamese administrative texts write them: digits with leading zeros ("03 ngày"),
 * words ("mười ngày", "ba mươi ngày", "mười lăm ngày", "hai mươi mốt"), both at once
 * ("mười (10) ngày", "10 (mười) ngày"), and Roman numerals for quarters and sections ("quý III").
 */

const UNITS: Record<string, number> = {
  không: 0,
  một: 1,
  mốt: 1, // "hai mươi mốt" = 21
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4, // "hai mươi tư" = 24, "quý tư"
  năm: 5,
  lăm: 5, // "mười lăm" = 15
  nhăm: 5,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
};

/** Regex source matching a number written in words (one to three words, up to 999). */
export const WORD_NUMBER_SOURCE =
  "(?:(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)\\s+trăm(?:\\s+(?:linh|lẻ)\\s+(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín))?|(?:hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)\\s+mươi(?:\\s+(?:mốt|hai|ba|bốn|tư|lăm|nhăm|năm|sáu|bảy|bẩy|tám|chín))?|mười(?:\\s+(?:một|hai|ba|bốn|lăm|nhăm|sáu|bảy|bẩy|tám|chín))?|một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)";

/** Parse a number written in Vietnamese words; null when it is not one. */
export function parseVietnameseNumberWords(text: string): number | null {
  const words = text.trim().toLowerCase().normalize("NFC").split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let sawAny = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "mười") {
      current += 10;
      sawAny = true;
    } else if (w === "mươi") {
      current = (current || 1) * 10;
    } else if (w === "trăm") {
      total += (current || 1) * 100;
      current = 0;
    } else if (w === "linh" || w === "lẻ") {
      // "một trăm linh năm" = 105: nothing to add
    } else if (w in UNITS) {
      current += UNITS[w]!;
      sawAny = true;
    } else {
      return null;
    }
  }
  return sawAny ? total + current : null;
}

/** Parse "12", "03", "mười", "ba mươi", "mười (10)", "10 (mười)": digits win when both are written. */
export function parseCount(text: string): number | null {
  const t = text.trim();
  const digits = t.match(/\d+/);
  if (digits) return Number(digits[0]);
  return parseVietnameseNumberWords(t.replace(/[()]/g, " "));
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** Parse a Roman numeral (I..CXC); null when it is not one. */
export function parseRoman(text: string): number | null {
  const s = text.trim().toUpperCase();
  if (!/^[IVXLC]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN_VALUES[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

/** Quarter number from "I".."IV", "1".."4", "một"/"nhất".."bốn"/"tư"; null otherwise. */
export function parseQuarter(text: string): number | null {
  const t = text.trim().toLowerCase();
  const words: Record<string, number> = { một: 1, nhất: 1, i: 1, hai: 2, ii: 2, ba: 3, iii: 3, bốn: 4, tư: 4, iv: 4 };
  if (t in words) return words[t]!;
  if (/^[1-4]$/.test(t)) return Number(t);
  return null;
}
