/** An urgent issue handed to a Ban HĐND, as its registered group receives it (issue 12). */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";

export const committeeIssues = {
  handedOver: (p: { committee: string; actor: string; issue: SafeHtml }): SafeHtml =>
    joinHtml(
      [
        joinHtml([
          html`<b>THƯỜNG TRỰC HĐND CHUYỂN VẤN ĐỀ ĐẾN ${p.committee.toLocaleUpperCase("vi")}</b>`,
          html`Đồng chí ${p.actor} chuyển vấn đề dưới đây đến ${p.committee} để xem xét, xử lý.`,
        ]),
        p.issue,
      ],
      "\n\n",
    ),
};
