/** The acknowledgement phrases typed in groups: polite variants count, anything that says otherwise does not. */
import { describe, expect, it } from "vitest";
import { isAckPhrase } from "../../src/domain/notices/ack-phrase.js";

describe("isAckPhrase", () => {
  it.each([
    "đã nhận",
    "Đã nhận",
    "Đã nhận ạ",
    "đã nhận ạ!",
    "Đã nhận TB",
    "đã nhận tb ạ",
    "Đã nhận thông báo",
    "Đã nhận được thông báo ạ",
    "Dạ, đã nhận ạ",
    "Dạ em đã nhận được ạ",
    "Vâng, đã nhận.",
    "Xã đã nhận ạ",
    "ok đã nhận, cảm ơn",
    "Đã nhận 👍",
    "da nhan",
    "DA NHAN A",
    "nhận",
    "Nhận rồi ạ",
    "dn",
    "Xác nhận",
    "Đã nhận văn bản",
    "đã  nhận   ạ  !!",
    "Đã nhận, cảm ơn Văn phòng",
  ])("counts %j", (text) => {
    expect(isAckPhrase(text)).toBe(true);
  });

  it.each([
    "chưa nhận được",
    "Chưa nhận được thông báo ạ",
    "không nhận được",
    "em ko nhận được file",
    "nhận chưa?",
    "Đã nhận nhưng thiếu phụ lục",
    "đã nhận 2 văn bản",
    "Xã Phổ An đã nhận",
    "Nhận được báo cáo của xã chưa ạ?",
    "ok",
    "Dạ",
    "cảm ơn",
    "đã xem",
    "",
    "!!!",
    `đã nhận ${"ạ ".repeat(40)}`,
  ])("does not count %j", (text) => {
    expect(isAckPhrase(text)).toBe(false);
  });
});
