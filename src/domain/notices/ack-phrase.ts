/**
 * Whether a message typed in a group acknowledges a notice ("đã nhận"). People write it many ways:
 * "Đã nhận ạ", "đã nhận ạ!", "Dạ, em đã nhận được thông báo ạ", "Đã nhận TB", "ok đã nhận, cảm ơn 👍".
 * The whole message must be such a phrase: a small table of words allowed before the verb, the verbs,
 * and words allowed after it. Anything else in the message (a question, "chưa", "không", a place name, a
 * second sentence) makes it an ordinary message, so "chưa nhận được" or "đã nhận nhưng thiếu phụ lục"
 * never counts. Matching is on the folded text (no diacritics, lower case), so "da nhan" typed without
 * accents counts too; "dạ" (polite yes) and "đã" fold alike, and both are allowed before the verb.
 */
import { foldVietnamese } from "../../text/fold.js";

/** Before the verb: polite openings and who speaks ("Dạ", "Vâng", "Em", "Xã", "ok"). */
const BEFORE = ["ok", "oke", "okay", "vang", "da", "em", "toi", "minh", "chung toi", "chung em", "xa", "phuong", "ben em"];

/** The verb itself ("đã" folds to "da" and is allowed before it, see BEFORE). */
const VERBS = ["nhan duoc", "nhan", "xac nhan", "dn"];

/** After the verb: what was received, "rồi", "được", and polite endings ("ạ", "nhé", "cảm ơn"). */
const AFTER = [
  "thong bao",
  "tb",
  "van ban",
  "vb",
  "roi",
  "duoc",
  "a",
  "ak",
  "ah",
  "nhe",
  "nha",
  "anh",
  "chi",
  "ca nha",
  "van phong",
  "vp",
  "cam on",
  "tks",
  "thanks",
  "luon",
];

const alternatives = (words: string[]) => words.map((w) => w.replace(/ /g, "\\s")).join("|");
const PHRASE = new RegExp(`^(?:(?:${alternatives(BEFORE)})\\s)*(?:${alternatives(VERBS)})(?:\\s(?:${alternatives(AFTER)}))*$`);

/** The longest message that can still be an acknowledgement (a paragraph is something else). */
const MAX_LENGTH = 80;

export function isAckPhrase(text: string): boolean {
  if (text.length > MAX_LENGTH) return false;
  // Punctuation and emoji are decoration: "Đã nhận ạ!", "đã nhận 👍", "Dạ, đã nhận."
  const words = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return words !== "" && PHRASE.test(words);
}
