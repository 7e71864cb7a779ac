/**
 * The console's Nhiệm vụ page in a real browser against the real service: the clerk gives a task to every
 * commune, is refused with a Vietnamese sentence for an empty title and a past date, extends the deadline
 * for one commune (whose group is told, with the reason), renames, closes and reopens it, sets up a monthly
 * report and ends it, and downloads the official Word digest. A vice-chair cannot open the page.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { E2E, person } from "../helpers/e2e.js";
import { DESKTOP, PHONE, launchBrowser, screenshot } from "../helpers/browser.js";

const clerk = person(8101, "Lan", "Phạm");
const an = person(8102, "An", "Nguyễn");
const PHO_AN = -1008100000002;
const PHO_PHONG = -1008100000003;

let e: E2E;
let browser: Browser;
let office: BrowserContext;
let page: Page;
let base = "";

async function signIn(ctx: BrowserContext, who: typeof clerk): Promise<Page> {
  const reply = await e.ask(who, "/web", /đăng nhập/i);
  const url = /(https?:\/\/\S+\/dang-nhap\?t=[A-Za-z0-9_-]+)/.exec(reply.plainText ?? "")?.[1];
  if (!url) throw new Error(`no link in: ${reply.plainText}`);
  const p = await ctx.newPage();
  await p.goto(url);
  await p.getByRole("button", { name: "Vào trang quản trị" }).click();
  await p.waitForURL(`${base}/`);
  return p;
}

const flashText = () => page.locator("p.flash").innerText();

beforeAll(async () => {
  [e, browser] = await Promise.all([E2E.start({ now: "2022-05-23T02:00:00Z" }), launchBrowser()]);
  base = e.app.webUrl!;
  await e.registerGroup(PHO_AN, "unit", "PHO_AN");
  await e.registerGroup(PHO_PHONG, "unit", "PHO_PHONG");
  await e.link(clerk, "office", null, "Phạm Thị Lan");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
  office = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  page = await signIn(office, clerk);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await e?.close();
});

describe.sequential("the console's tasks page", { timeout: 60_000 }, () => {
  it("refuses an empty title and a past deadline, keeping the clerk on the form with the reason", async () => {
    await page.getByRole("link", { name: "Nhiệm vụ" }).click();
    await page.getByRole("heading", { name: "Nhiệm vụ báo cáo", exact: true }).waitFor();
    const form = page.locator("#giao-moi form");
    await form.getByLabel("Tên nhiệm vụ").fill("   ");
    await form.getByLabel("Hạn nộp (báo cáo một lần)").fill("30/05/2022");
    // The browser's own "required" check would stop a blank field; spaces get through to the server.
    await form.getByRole("button", { name: "Giao nhiệm vụ" }).click();
    expect(await flashText()).toMatch(/^Chưa giao được nhiệm vụ: Tên nhiệm vụ không được để trống\.$/);

    await form.getByLabel("Tên nhiệm vụ").fill("Báo cáo kết quả tiếp xúc cử tri");
    await form.getByLabel("Hạn nộp (báo cáo một lần)").fill("20/05/2022");
    await form.getByRole("button", { name: "Giao nhiệm vụ" }).click();
    expect(await flashText()).toMatch(/Hạn nộp đã qua/);
    expect(await e.db.prisma.reportTask.count()).toBe(0);
  });

  it("gives a task to every commune and shows it in the list", async () => {
    const form = page.locator("#giao-moi form");
    await form.getByLabel("Tên nhiệm vụ").fill("Báo cáo kết quả tiếp xúc cử tri");
    await form.getByLabel("Hạn nộp (báo cáo một lần)").fill("30/05/2022");
    await form.getByRole("button", { name: "Giao nhiệm vụ" }).click();
    expect(await flashText()).toMatch(/^Đã giao nhiệm vụ #\d+ “Báo cáo kết quả tiếp xúc cử tri”\.$/);
    const task = await e.db.prisma.reportTask.findFirstOrThrow({ include: { assignments: true } });
    expect(task.assignments).toHaveLength(15);
    expect(task.dueAt.toISOString()).toBe("2022-05-30T10:00:00.000Z"); // 17:00 council time
    await page.goto(`${base}/nhiem-vu`);
    const row = page.locator("table tbody tr", { hasText: "Báo cáo kết quả tiếp xúc cử tri" });
    expect(await row.locator("td").allInnerTexts()).toEqual([
      `#${task.id} Báo cáo kết quả tiếp xúc cử tri`,
      "17:00 thứ Hai, ngày 30/5/2022",
      "Đang mở",
      "0/15",
    ]);
  });

  it("extends the deadline for one commune with a reason; that commune is told and the history keeps both dates", async () => {
    const task = await e.db.prisma.reportTask.findFirstOrThrow();
    await page.goto(`${base}/nhiem-vu/${task.id}`);
    const form = page.locator("#gia-han form");
    await form.getByLabel("Hạn mới").fill("02/06/2022");
    await form.getByRole("button", { name: "Gia hạn" }).click();
    // The reason is required by the browser; a reason of spaces reaches the server and is refused there.
    await form.getByLabel("Lý do gia hạn").fill("  ");
    await form.getByRole("button", { name: "Gia hạn" }).click();
    expect(await flashText()).toMatch(/^Chưa gia hạn được: Đề nghị đồng chí ghi lý do gia hạn\.$/);

    const again = page.locator("#gia-han form");
    await again.getByLabel("Hạn mới").fill("02/06/2022");
    await again.getByLabel("Lý do gia hạn").fill("Xã đang tổ chức tiếp xúc cử tri bổ sung");
    await again.locator("summary").click();
    await again.getByLabel("Xã Phổ An").check();
    expect(await again.locator('input[name="tat_ca"]').isChecked()).toBe(false); // the page's script unticks "Tất cả"
    const since = e.fake.deliveredCount;
    await again.getByRole("button", { name: "Gia hạn" }).click();
    expect(await flashText()).toMatch(
      /^Đã gia hạn nhiệm vụ “Báo cáo kết quả tiếp xúc cử tri” đến 17:00 thứ Năm, ngày 2\/6\/2022 cho 1 đơn vị; \d+ tin nhắn/,
    );
    const told = await e.next(PHO_AN, /GIA HẠN/, since);
    expect(told.plainText).toMatch(/Xã đang tổ chức tiếp xúc cử tri bổ sung/);
    await e.drain();
    expect(e.fake.messagesTo(PHO_PHONG).filter((m) => m.seq > since && /GIA HẠN/.test(m.plainText ?? ""))).toHaveLength(0);
    expect(await page.locator("section", { hasText: "Lịch sử gia hạn" }).innerText()).toMatch(
      /Xã Phổ An từ 17:00 thứ Hai, ngày 30\/5\/2022 đến 17:00 thứ Năm, ngày 2\/6\/2022 \(Xã đang tổ chức/,
    );
  });

  it("renames, closes and reopens the task", async () => {
    const task = await e.db.prisma.reportTask.findFirstOrThrow();
    await page.goto(`${base}/nhiem-vu/${task.id}`);
    await page.getByLabel("Tên nhiệm vụ").fill("Báo cáo tiếp xúc cử tri trước kỳ họp");
    await page.getByRole("button", { name: "Đổi tên" }).click();
    expect(await flashText()).toBe("Đã đổi tên nhiệm vụ “Báo cáo kết quả tiếp xúc cử tri” thành “Báo cáo tiếp xúc cử tri trước kỳ họp”.");
    await page.getByRole("button", { name: "Đóng nhiệm vụ" }).click();
    expect(await flashText()).toMatch(/^Đã đóng nhiệm vụ “Báo cáo tiếp xúc cử tri trước kỳ họp”/);
    expect((await e.db.prisma.reportTask.findFirstOrThrow()).status).toBe("closed");
    expect(await page.locator("#gia-han").count()).toBe(0);
    await page.getByRole("button", { name: "Mở lại nhiệm vụ" }).click();
    expect(await flashText()).toBe("Đã mở lại nhiệm vụ “Báo cáo tiếp xúc cử tri trước kỳ họp”.");
    const actions = await e.db.prisma.auditLog.findMany({
      where: { entityType: "task" },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["task.create", "task.extend", "task.rename", "task.close", "task.reopen"]);
    expect(actions.every((a) => a.actorLabel.startsWith("web:"))).toBe(true);
  });

  it("sets up a monthly report due on the 20th, refuses a day 35, and ends the series after a confirmation", async () => {
    await page.goto(`${base}/nhiem-vu`);
    const form = page.locator("#giao-moi form");
    await form.getByLabel("Tên nhiệm vụ").fill("Báo cáo tình hình an ninh, trật tự");
    await form.getByLabel("Kỳ báo cáo").selectOption({ label: "Hằng tháng" });
    await form.getByLabel("Ngày hạn trong kỳ (báo cáo định kỳ)").fill("35");
    await form.getByRole("button", { name: "Giao nhiệm vụ" }).click();
    expect(await flashText()).toMatch(/Ngày hạn “35” không hợp lệ \(từ 1 đến 31\)/);

    await form.getByLabel("Tên nhiệm vụ").fill("Báo cáo tình hình an ninh, trật tự");
    await form.getByLabel("Kỳ báo cáo").selectOption({ label: "Hằng tháng" });
    await form.getByLabel("Ngày hạn trong kỳ (báo cáo định kỳ)").fill("20");
    await form.getByRole("button", { name: "Giao nhiệm vụ" }).click();
    expect(await flashText()).toMatch(/^Đã tạo chế độ báo cáo định kỳ ĐK\d+ “Báo cáo tình hình an ninh, trật tự”/);
    const row = page.locator("table tbody tr", { hasText: "ĐK" });
    expect(await row.locator("td").nth(1).innerText()).toBe("hằng tháng, hạn ngày 20");

    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Kết thúc" }).click();
    expect(await flashText()).toMatch(/^Đã kết thúc báo cáo định kỳ ĐK\d+ “Báo cáo tình hình an ninh, trật tự”/);
    expect((await e.db.prisma.taskSeries.findFirstOrThrow()).status).not.toBe("active");
    await screenshot(page, "tasks-desktop", true);
    await page.setViewportSize(PHONE);
    await screenshot(page, "tasks-phone", true);
    await page.goto(`${base}/nhiem-vu/1`);
    await screenshot(page, "task-phone", true);
    await page.setViewportSize(DESKTOP);
  });

  it("downloads the official digest as a Word document", async () => {
    await page.goto(`${base}/nhiem-vu`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải báo cáo tổng hợp (Word)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it("is the office's desk: a vice-chair neither sees it in the menu nor opens it", async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const p = await signIn(ctx, an);
    expect(await p.getByRole("link", { name: "Nhiệm vụ" }).count()).toBe(0);
    const res = await p.goto(`${base}/nhiem-vu`);
    expect(res?.status()).toBe(403);
    const post = await p.request.post(`${base}/nhiem-vu/1/dong`, { form: { _csrf: "x" } });
    expect(post.status()).toBe(403);
    expect((await e.db.prisma.reportTask.findFirstOrThrow()).status).toBe("open");
    await ctx.close();
  });
});
