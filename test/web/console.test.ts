/**
 * The office web console in a real browser (headless Chromium via playwright-core) against the real
 * service: a clerk signs in from a /web link obtained through the fake Bot API, sees the grid change when a
 * vice-chair reports in chat, downloads the report's file, publishes a notice that reaches the fake groups,
 * triages an issue (the reporter is told), creates invites in bulk and opens the printable sheet, signs out.
 * A vice-chair sees only their unit; forged, replayed and expired links are refused; a form without its
 * CSRF token is refused. Screenshots of the main pages go to test-output/screenshots (not committed).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { E2E, buttons, person, type Person } from "../helpers/e2e.js";
import { DESKTOP, PHONE, launchBrowser, screenshot } from "../helpers/browser.js";
import { createTask } from "../../src/db/tasks.js";
import { findUnitByCode } from "../../src/db/units.js";

const clerk = person(8001, "Lan", "Phạm");
const an = person(8002, "An", "Nguyễn");
const binh = person(8003, "Bình", "Trần");
const STANDING = -1008000000001;
const PHO_AN = -1008000000002;
const PHO_PHONG = -1008000000003;
const ANNOUNCE = -1008000000004;
const PDF = Buffer.from("%PDF-1.4\n% báo cáo tháng 5\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let e: E2E;
let browser: Browser;
let office: BrowserContext;
let page: Page;
let base = "";

/** Asks the bot for a console link in chat and returns it (pointing at where the console listens). */
async function webLink(who: Person): Promise<string> {
  const reply = await e.ask(who, "/web", /đăng nhập/i);
  const url = /(https?:\/\/\S+\/dang-nhap\?t=[A-Za-z0-9_-]+)/.exec(reply.plainText ?? "")?.[1];
  if (!url) throw new Error(`no link in: ${reply.plainText}`);
  return url;
}

async function signIn(ctx: BrowserContext, who: Person): Promise<Page> {
  const p = await ctx.newPage();
  await p.goto(await webLink(who));
  await p.getByRole("button", { name: "Vào trang quản trị" }).click();
  await p.waitForURL(`${base}/`);
  return p;
}

async function task(title: string, dueAt: string, units: string[]) {
  const unitIds = await Promise.all(units.map(async (c) => (await findUnitByCode(e.db.prisma, e.councilId, c))!.id));
  return e.db.transaction((tx) =>
    createTask(tx, {
      councilId: e.councilId,
      title,
      description: null,
      dueAt: new Date(dueAt),
      dueRule: null,
      noticeId: null,
      scheduleJson: null,
      createdById: null,
      createdByLabel: "test",
      createdAt: e.clock.now(),
      unitIds,
    }),
  );
}

beforeAll(async () => {
  [e, browser] = await Promise.all([E2E.start({ now: "2022-05-23T02:00:00Z" }), launchBrowser()]);
  base = e.app.webUrl!;
  await e.registerGroup(STANDING, "standing");
  await e.registerGroup(PHO_AN, "unit", "PHO_AN");
  await e.registerGroup(PHO_PHONG, "unit", "PHO_PHONG");
  await e.registerGroup(ANNOUNCE, "announce");
  await e.link(clerk, "office", null, "Phạm Thị Lan");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
  await e.link(binh, "standing", null, "Trần Văn Bình");
  await task("Báo cáo vấn đề nổi cộm tháng 5", "2022-05-31T10:00:00Z", ["PHO_AN", "PHO_PHONG"]);
  await task("Báo cáo tiếp xúc cử tri", "2022-05-20T10:00:00Z", ["PHO_AN", "PHO_PHONG"]);
  office = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  page = await signIn(office, clerk);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await e?.close();
});

describe.sequential("the office console", { timeout: 60_000 }, () => {
  it("signs in from a /web link and shows the grid", async () => {
    await expect(page.getByRole("heading", { name: "Tổng quan tình hình báo cáo" })).toBeDefined();
    const row = page.locator("table.grid tbody tr", { hasText: "Xã Phổ An" });
    // Columns by due date: "tiếp xúc cử tri" (20/5) is missing, "nổi cộm" (31/5) not due yet.
    expect(await row.locator("td.s").allInnerTexts()).toEqual(["✗", "·"]);
    expect(await page.locator("table.grid tbody tr").count()).toBe(15);
    const cookies = await office.cookies();
    const session = cookies.find((c) => c.name === "hdnd_phien")!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe("Lax");
  });

  it("shows a vice-chair's report from chat in the grid, with its file to download", async () => {
    const list = await e.ask(an, "/baocao", /chọn yêu cầu báo cáo/);
    await e.pressAndWait(an, list, /nổi cộm/, /Gửi xong, bấm Xem lại/);
    await e.ask(an, "Thôn An Thạch: 12 hộ chưa nhận tiền bồi thường.", /1 đoạn văn bản/);
    const since = e.fake.deliveredCount;
    e.fake.injectDocument({ chat: an.id, from: an, fileName: "Báo cáo tháng 5.pdf", mimeType: "application/pdf", bytes: PDF });
    const counted = await e.next(an.id, /1 tệp/, since);
    const preview = await e.pressAndWait(an, counted, "Xem lại", /XEM LẠI/);
    await e.pressAndWait(an, preview, "Gửi", /Đã nhận báo cáo số/);
    await e.app.attachments.whenIdle();

    await page.reload();
    const row = page.locator("table.grid tbody tr", { hasText: "Xã Phổ An" });
    expect(await row.locator("td.s").allInnerTexts()).toEqual(["✗", "✓"]);
    expect(await row.locator("td.s").nth(1).getAttribute("title")).toMatch(/^Đúng hạn, nộp lúc 09:00 23\/5$/);

    await row.getByRole("link", { name: "Xã Phổ An" }).click();
    await page.getByRole("heading", { name: "Tất cả báo cáo của Xã Phổ An" }).waitFor();
    expect(await page.locator("article.report").first().innerText()).toMatch(/12 hộ chưa nhận tiền bồi thường/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Báo cáo tháng 5.pdf" }).click()]);
    expect(download.suggestedFilename()).toBe("Báo cáo tháng 5.pdf");
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
  });

  it("publishes a notice from the console; it arrives in the groups, and its deadline becomes a task", async () => {
    await page.goto(`${base}/thong-bao/moi`);
    await page
      .getByLabel("Nội dung thông báo")
      .fill(
        "THÔNG BÁO\nKết luận của Thường trực HĐND về công tác tiếp xúc cử tri\n\nĐề nghị UBND các xã, phường báo cáo kết quả tiếp xúc cử tri về Thường trực HĐND trước ngày 15/6/2022.",
      );
    await page.getByLabel("Trích yếu (để trống: hệ thống tự đọc từ văn bản)").fill("Kết luận về công tác tiếp xúc cử tri");
    await page.getByLabel("Tất cả đơn vị").check();
    await page.getByRole("button", { name: "Xem trước" }).click();
    await page.getByRole("heading", { name: "Xem trước thông báo" }).waitFor();
    expect(await page.locator("main").innerText()).toMatch(/Sẽ gửi tới 3 nhóm/);
    await screenshot(page, "thong-bao-xem-truoc-1366");
    page.once("dialog", (d) => void d.accept());
    const since = e.fake.deliveredCount;
    await page.getByRole("button", { name: "Gửi thông báo" }).click();
    await page.getByText(/Đã đưa thông báo số \d+ vào hàng đợi gửi tới 3 nhóm/).waitFor();
    for (const group of [PHO_AN, PHO_PHONG, ANNOUNCE]) await e.next(group, /Kết luận về công tác tiếp xúc cử tri/, since);
    expect(buttons(await e.next(PHO_AN, /tiếp xúc cử tri/, since)).map((b) => b.text)).toEqual(["✅ Đã nhận"]);

    // The same proposal as in chat: "trước ngày 15/6/2022" read as 14/6 (the reading is shown), every unit.
    await page.getByRole("heading", { name: "Tìm thấy 1 yêu cầu báo cáo có thời hạn" }).waitFor();
    expect(await page.locator("input[name=han_ngay]").inputValue()).toBe("2022-06-14");
    expect(await page.locator("#de-xuat").innerText()).toMatch(/Cách hiểu hạn: .*15\/6\/2022/);
    await page.getByRole("button", { name: "Tạo nhiệm vụ" }).click();
    await page.getByText(/Đã tạo nhiệm vụ số \d+/).waitFor();
    const created = await e.db.prisma.reportTask.findFirst({ where: { noticeId: { not: null } }, include: { assignments: true } });
    expect(created?.assignments.length).toBe(15);
    await e.drain();
    // The clerk presses "Đã nhận" in Phổ An's group: shown apart, not as Phổ An's (issue 12).
    const inPhoAn = e.fake.messagesTo(PHO_AN).find((m) => /Kết luận về công tác tiếp xúc cử tri/.test(m.plainText ?? ""))!;
    await (await e.press(clerk, inPhoAn, "✅ Đã nhận")).waitForAnswer();
    await page.reload();
    expect(await page.locator("#xac-nhan-khac").innerText()).toBe("Xác nhận không tính cho đơn vị");
    expect(await page.locator("main").innerText()).toMatch(/• Phạm Thị Lan \(Chuyên viên Văn phòng\) – tại nhóm .+, \d/);
    await screenshot(page, "thong-bao-chi-tiet-1366", true);
  });

  it("triages an issue like the standing committee's buttons, and the reporter is told", async () => {
    const cat = await e.ask(an, "/vande", /lĩnh vực nào/);
    const urg = await e.pressAndWait(an, cat, "Bồi thường, giải phóng mặt bằng", /Mức độ/);
    await e.pressAndWait(an, urg, "Rất khẩn", /ở đâu/);
    await e.ask(an, "Thôn An Thạch", /mô tả sự việc/);
    const got = await e.ask(an, "Người dân chặn thi công vì chưa nhận tiền bồi thường.", /1 đoạn/);
    const preview = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI VẤN ĐỀ/);
    await e.pressAndWait(an, preview, "Gửi", /Đã chuyển vấn đề số/);

    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "VD-2022-0001" }).click();
    await screenshot(page, "van-de-chi-tiet-1366");
    let since = e.fake.deliveredCount;
    await page.getByRole("button", { name: "Tiếp nhận" }).click();
    await page.getByText("Đã cập nhật: đã tiếp nhận").waitFor();
    expect((await e.next(an.id, /đã được cập nhật: đã tiếp nhận/, since)).plainText).toMatch(/Phạm Thị Lan/);
    await e.fake.waitForEdit((x) => x.chatId === STANDING && (x.plainText ?? "").includes("Trạng thái: đã tiếp nhận"));

    since = e.fake.deliveredCount;
    await page.getByLabel("Chọn Ban").selectOption({ label: "Ban Kinh tế - Xã hội HĐND thị xã" });
    await page.getByRole("button", { name: "Chuyển Ban" }).click();
    await page.getByText("Đã cập nhật: đã chuyển Ban").waitFor();
    expect((await e.next(an.id, /Ban Kinh tế - Xã hội/, since)).plainText).toMatch(/VD-2022-0001/);

    since = e.fake.deliveredCount;
    await page.getByLabel("Ghi chú kết quả xử lý (không bắt buộc)").fill("Đã chi trả đủ cho 12 hộ.");
    await page.getByRole("button", { name: "Đã xử lý" }).click();
    await page.getByText("Đã cập nhật: đã xử lý").waitFor();
    expect((await e.next(an.id, /đã xử lý/, since)).plainText).toMatch(/Đã chi trả đủ cho 12 hộ/);
    expect(await page.getByRole("button", { name: "Tiếp nhận" }).count()).toBe(0);
  });

  it("refuses a form posted without its CSRF token, and one from another site", async () => {
    const issue = await e.db.prisma.urgentIssue.findFirstOrThrow();
    const status = await page.evaluate(async (id) => {
      const r = await fetch(`/van-de/${id}/xu-ly`, { method: "POST", body: new URLSearchParams({ thao_tac: "tiep-nhan" }) });
      return { code: r.status, text: await r.text() };
    }, issue.id);
    expect(status.code).toBe(403);
    expect(status.text).toMatch(/Biểu mẫu đã cũ hoặc không hợp lệ/);
    const cookie = (await office.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const token = await page.locator("input[name=_csrf]").first().inputValue();
    const forged = await fetch(`${base}/dang-xuat`, {
      method: "POST",
      headers: { cookie, origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: token }),
    });
    expect(forged.status).toBe(403);
    expect(await e.db.prisma.auditLog.count({ where: { action: "web.sign_out" } })).toBe(0);
  });

  it("creates invites in bulk and opens the printable sheet with a QR code per member", async () => {
    await page.goto(`${base}/danh-ba`);
    await screenshot(page, "danh-ba-1366");
    const unlinked = await e.db.prisma.member.count({ where: { councilId: e.councilId, active: true, identities: { none: {} } } });
    expect(unlinked).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Tạo mã mời và in phiếu" }).click();
    await page.getByRole("heading", { name: "Phiếu mã mời tham gia hệ thống" }).waitFor();
    const cards = page.locator("article.invite");
    expect(await cards.count()).toBe(unlinked);
    expect(await cards.locator(".qr svg").count()).toBe(unlinked);
    const first = await cards.first().innerText();
    expect(first).toMatch(/Kính gửi đồng chí/);
    const code = await cards.first().locator(".code").innerText();
    expect(first).toContain(`t.me/`);
    expect(first).toContain(`/start ${code}`);
    await screenshot(page, "phieu-ma-moi-1366", true);
    // The printed code works in chat.
    const newcomer = person(8009, "Mới", "Người");
    expect((await e.ask(newcomer, `/start ${code}`, /Kính chào/)).plainText).toMatch(/Kính chào/);
  });

  it("takes screenshots of the main pages at 1366x768 and on a phone", async () => {
    const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const cookies = await office.cookies();
    await phone.addCookies(cookies);
    const p = await phone.newPage();
    for (const [name, path] of [
      ["tong-quan", "/"],
      ["bao-cao", "/bao-cao"],
      ["thong-bao", "/thong-bao"],
      ["van-de", "/van-de"],
      ["xuat-du-lieu", "/xuat-du-lieu"],
      ["thong-bao-moi", "/thong-bao/moi"],
    ] as const) {
      await page.goto(`${base}${path}`);
      await screenshot(page, `${name}-1366`);
      await p.goto(`${base}${path}`);
      await screenshot(p, `${name}-phone`, true);
      // Nothing overflows a phone's width except the scrollable grid and tables.
      const overflow = await p.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
      expect(overflow, path).toBeLessThanOrEqual(1);
    }
    await phone.close();
  });

  it("signs out", async () => {
    await page.goto(`${base}/`);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.getByText("Đồng chí đã đăng xuất").waitFor();
    expect((await office.cookies()).find((c) => c.name === "hdnd_phien")).toBeUndefined();
    const res = await page.goto(`${base}/bao-cao`);
    expect(res?.status()).toBe(401);
    expect(await page.locator("main").innerText()).toMatch(/chưa đăng nhập/);
  });
});

describe.sequential("who gets in, and what they see", { timeout: 60_000 }, () => {
  it("shows a vice-chair their own unit only", async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const p = await signIn(ctx, an);
    expect(await p.locator("table.grid tbody tr").count()).toBe(1);
    expect(await p.locator("table.grid tbody tr").innerText()).toMatch(/Xã Phổ An/);
    expect(await p.getByRole("link", { name: "Danh bạ" }).count()).toBe(0);
    await screenshot(p, "tong-quan-pho-chu-tich-1366");
    const other = (await findUnitByCode(e.db.prisma, e.councilId, "PHO_PHONG"))!;
    expect((await p.goto(`${base}/bao-cao/don-vi/${other.id}`))?.status()).toBe(404);
    expect((await p.goto(`${base}/danh-ba`))?.status()).toBe(403);
    expect((await p.goto(`${base}/xuat-du-lieu/tinh-hinh.xlsx`))?.status()).toBe(403);
    // Their own file is theirs to download; the issue register lists only their unit's.
    const own = await e.db.prisma.attachment.findFirstOrThrow({
      where: { submission: { unitId: (await findUnitByCode(e.db.prisma, e.councilId, "PHO_AN"))!.id } },
    });
    const res = await p.request.get(`${base}/tep/${own.id}`);
    expect(res.status()).toBe(200);
    await ctx.close();
  });

  it("refuses a forged, a replayed and an expired link, and members without console rights", async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const p = await ctx.newPage();
    await p.goto(`${base}/dang-nhap?t=${"A".repeat(43)}`);
    expect(await p.locator("main").innerText()).toMatch(/không hợp lệ/);

    const link = await webLink(binh);
    await p.goto(link);
    await p.getByRole("button", { name: "Vào trang quản trị" }).click();
    await p.waitForURL(`${base}/`);
    const again = await ctx.newPage();
    await again.goto(link);
    expect(await again.locator("main").innerText()).toMatch(/đã được sử dụng/);

    const late = await webLink(binh);
    e.clock.set(new Date(e.clock.now().getTime() + 11 * 60_000).toISOString());
    await again.goto(late);
    expect(await again.locator("main").innerText()).toMatch(/đã hết hạn/);

    const delegate = person(8010, "Cường", "Lê");
    await e.link(delegate, "delegate", null, "Lê Văn Cường");
    expect((await e.ask(delegate, "/web")).plainText).toMatch(/không có quyền/);
    await ctx.close();
  });
});
