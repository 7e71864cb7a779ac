/**
 * Sentences the Zalo Bot Platform adapter adds to what the core says: the hint under numbered lists
 * (the platform has no buttons and no quoted replies) and the line that stands in for a file it cannot send.
 */
export const zaloBot = {
  /** under a numbered list: typing the number is enough, the bot takes it as the answer to its latest list */
  choiceHint: (): string => "Đồng chí vui lòng gõ số thứ tự để chọn (ví dụ: 1).",
  /** a link choice, shown as text because the platform has no buttons */
  linkChoice: (label: string, url: string): string => `${label}: ${url}`,
  /**
   * The Zalo Bot Platform sends only text and pictures from a web address, so a document travels as this
   * line: its name, and where the office keeps it.
   */
  fileNotSent: (fileName: string): string =>
    `📎 Tệp đính kèm: ${fileName}. Zalo Bot không gửi được tệp văn bản; đồng chí vui lòng xem tệp trên trang quản trị (gõ /web) hoặc liên hệ Văn phòng.`,
  defaultFileName: "tệp đính kèm",
};
