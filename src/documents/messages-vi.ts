/**
 * Vietnamese messages of the document text extraction, in one place for review and translation.
 * They are shown to office staff when an uploaded file cannot be read: plain words ("bản chụp", "ảnh quét"),
 * never a file format's jargon, and the register used between officials ("Đề nghị đồng chí ...").
 */
export const extractMessagesVi = {
  empty: "Tệp rỗng, không có nội dung. Đề nghị đồng chí kiểm tra lại tệp hoặc dán nội dung văn bản.",
  emptyDocx: "Tệp Word không có nội dung chữ. Đề nghị đồng chí kiểm tra lại tệp hoặc dán nội dung văn bản.",
  notADocument: "Tệp này không phải là văn bản (Word, PDF hoặc tệp chữ). Đề nghị đồng chí gửi bản Word (.docx), PDF hoặc dán nội dung.",
  image: "Tệp này là ảnh, bot không đọc được chữ trong ảnh. Đề nghị đồng chí gửi bản Word (.docx), bản PDF xuất từ Word hoặc dán nội dung.",
  otherOffice:
    "Tệp này là bảng tính hoặc định dạng văn phòng khác, chưa đọc được. Đề nghị đồng chí gửi bản Word (.docx), PDF hoặc dán nội dung.",
  rtf: "Tệp định dạng RTF chưa đọc được. Đề nghị đồng chí lưu lại dưới dạng .docx hoặc PDF rồi gửi lại.",
  scannedPdf:
    "Tệp PDF này là bản chụp (ảnh quét) nên bot không đọc được chữ. Đề nghị đồng chí gửi bản Word, bản PDF xuất từ Word hoặc dán nội dung.",
  encryptedPdf: "Tệp PDF được đặt mật khẩu nên không đọc được. Đề nghị đồng chí gửi bản không đặt mật khẩu, bản Word hoặc dán nội dung.",
  corruptPdf: "Tệp PDF bị lỗi, không mở được. Đề nghị đồng chí gửi lại tệp hoặc dán nội dung.",
  corruptDocx: "Tệp Word bị lỗi, không mở được. Đề nghị đồng chí lưu lại tệp hoặc dán nội dung.",
  corruptDoc: "Tệp Word (.doc) bị lỗi, không mở được. Đề nghị đồng chí mở tệp bằng Word, lưu lại rồi gửi lại, hoặc dán nội dung.",
  tooManyPages: (pages: number, limit: number) =>
    `Văn bản dài ${pages} trang, vượt giới hạn ${limit} trang. Đề nghị đồng chí gửi riêng phần có nội dung giao việc.`,
  tooManyChars: (_chars: number, approxPages: number, limit: number) =>
    `Văn bản dài khoảng ${approxPages} trang, vượt giới hạn ${limit} trang. Đề nghị đồng chí gửi riêng phần có nội dung giao việc.`,
  tooManyCharsPdf: (limitPages: number) =>
    `Văn bản PDF có quá nhiều chữ (hơn khoảng ${limitPages} trang văn bản thường). Đề nghị đồng chí gửi riêng phần có nội dung giao việc.`,
  docxTooLarge:
    "Tệp Word quá dài để đọc tự động (hơn khoảng 100 trang). Đề nghị đồng chí gửi riêng phần có nội dung giao việc, bản PDF, hoặc dán nội dung.",
  unreadable:
    "Hệ thống không đọc được tệp này (tệp quá nặng hoặc quá phức tạp để đọc tự động). Đề nghị đồng chí gửi bản PDF, bản Word ngắn hơn, hoặc dán nội dung văn bản.",
  tooLarge: (mb: number, limitMb: number) =>
    `Tệp nặng ${mb} MB, vượt giới hạn ${limitMb} MB. Đề nghị đồng chí gửi tệp nhỏ hơn hoặc dán nội dung.`,
  tcvn3:
    "Văn bản được gõ bằng bảng mã cũ TCVN3 (ABC, phông .VnTime); hệ thống đã chuyển sang Unicode. Đề nghị đồng chí đọc lại phần trích để kiểm tra chữ có dấu.",
  vni: "Văn bản được gõ bằng bảng mã cũ VNI (phông VNI-Times); hệ thống đã chuyển sang Unicode. Đề nghị đồng chí đọc lại phần trích để kiểm tra chữ có dấu.",
  unknownEncoding: "Không nhận ra bảng mã của tệp chữ. Đề nghị đồng chí lưu tệp dưới dạng Unicode (UTF-8) rồi gửi lại, hoặc dán nội dung.",
  somePagesWithoutText: (pages: number[]) =>
    `Trang ${pages.join(", ")} là bản chụp (ảnh quét), bot không đọc được chữ; nội dung các trang này không được đọc.`,
} as const;
