import { parseNotice } from "./src/notices/parsing/index.js";
const pasted = [
      "ỦY BAN NHÂN DÂN",
      "TỈNH QUẢNG NGÃI",
      "Số: 123/UBND-TH",
      "V/v báo cáo kết quả rà soát hộ nghèo",
      "Quảng Ngãi, ngày 10 tháng 5 năm 2022",
      "Kính gửi: UBND các huyện, thị xã, thành phố.",
      "Để có cơ sở tổng hợp, báo cáo Bộ Lao động - Thương binh và Xã hội, UBND tỉnh đề nghị UBND các huyện, thị xã, thành phố báo cáo kết quả rà soát về Sở Lao động - Thương binh và Xã hội trước ngày 20/5/2022.",
    ].join("\n");
const p = parseNotice(pasted);
console.log(JSON.stringify(p.tasks.map(t=>[t.quote,t.assignee, t.assignee_source]), null, 1), p.addressees);
