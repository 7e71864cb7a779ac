/**
 * Issue 12, item 5: a typed title is confirmed before it replaces the proposed one; a published notice can
 * be corrected (đính chính) and recalled (thu hồi), from chat and from the CLI, with the reason recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";

const ha = person(7201, "Hà", "Lê");
const PHO_AN = -1007200000001;
const PHO_PHONG = -1007200000002;

let e: E2E;
beforeEach(async () => {
  e = await E2E.start();
  await e.registerGroup(PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An");
  await e.registerGroup(PHO_PHONG, "unit", "PHO_PHONG", "HĐND xã Phổ Phong");
  await e.link(ha, "office", null, "Lê Thị Hà");
});
afterEach(() => e.close());

const BODY = "Thông báo về việc tổ chức tiếp xúc cử tri trước kỳ họp thứ 5.\nĐề nghị các xã, phường chuẩn bị địa điểm.";

/** /thongbao up to the title question; returns that prompt. */
async function upToTitle() {
  await e.ask(ha, "/thongbao", /Gửi thông báo/);
  const got = await e.ask(ha, BODY, /Đã nhận/);
  return e.pressAndWait(ha, got, "Tiếp tục", /Tiêu đề thông báo/);
}

describe("the title step", () => {
  it("asks before a typed line replaces the title, and keeps the current one when asked to", async () => {
    const titleAsk = await upToTitle();
    const confirm = await e.ask(ha, "ok", /Đồng chí vừa gõ/);
    expect(confirm.plainText).toMatch(/Đồng chí vừa gõ: ok/);
    expect(buttons(confirm).map((b) => b.text)).toEqual(["Dùng tiêu đề mới", "Giữ tiêu đề hiện tại", "Hủy"]);
    const audience = await e.pressAndWait(ha, confirm, "Giữ tiêu đề hiện tại", /Gửi thông báo đến đâu/);
    const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
    const preview = await e.pressAndWait(ha, pin, "Không ghim", /XEM LẠI THÔNG BÁO/);
    expect(preview.plainText).toMatch(/Tiêu đề: Thông báo về việc tổ chức tiếp xúc cử tri/);
    expect(titleAsk).toBeTruthy();
  });

  it("uses a typed title once confirmed", async () => {
    await upToTitle();
    const confirm = await e.ask(ha, "Tiếp xúc cử tri kỳ họp thứ 5", /Đồng chí vừa gõ/);
    const audience = await e.pressAndWait(ha, confirm, "Dùng tiêu đề mới", /Gửi thông báo đến đâu/);
    const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
    const preview = await e.pressAndWait(ha, pin, "Không ghim", /XEM LẠI THÔNG BÁO/);
    expect(preview.plainText).toMatch(/Tiêu đề: Tiếp xúc cử tri kỳ họp thứ 5\n/);
  });
});
