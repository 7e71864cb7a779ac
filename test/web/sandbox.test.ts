/**
 * The sandbox in a real browser (headless Chromium via playwright-core) against the real app with no chat
 * platform configured (the sandbox turns itself on): a vice-chair links with the code the sandbox shows, the
 * office publishes the seed notice from its sample file, the vice-chair acknowledges it in the commune's
 * group and reports with a file, which the standing committee sees arrive in its group (a second page, live)
 * and in the sandbox's console; a jump to the day before the deadline brings the reminder; a reset brings
 * back the demo council. Screenshots go to test-output/screenshots (not committed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logging/logger.js";
import { DESKTOP, launchBrowser, screenshot } from "../helpers/browser.js";

const WAIT = 20_000;
let app: App;
let browser: Browser;
let dir: string;
let base = "";
/** the office clerk, the vice-chair of Phổ An, the standing committee member: three people, three pages */
let office: Page;
let an: Page;
let standing: Page;

const bubble = (p: Page, text: RegExp) => p.locator("#messages .msg", { hasText: text }).last();
const seen = (p: Page, text: RegExp) => bubble(p, text).waitFor({ timeout: WAIT });
/** Presses the newest button with this label the moment it appears, as a hurried person would. */
const tap = (p: Page, label: string | RegExp) =>
  p
    .locator("#messages button.choice", { hasText: typeof label === "string" ? new RegExp(`^\\s*${label}\\s*$`) : label })
    .last()
    .click({ timeout: WAIT });
async function say(p: Page, text: string): Promise<void> {
  await p.fill("#say-text", text);
  await p.press("#say-text", "Enter");
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "sandbox-web-"));
  // No platform and no SANDBOX setting: what a fresh `npm start` gets (NODE_ENV is not passed on).
  const config = loadConfig(
    { DATABASE_URL: `file:${path.join(dir, "council.db")}`, DATA_DIR: dir, WEB_PORT: "0", LOG_LEVEL: "silent" },
    dir,
  );
  expect(config.sandbox.enabled).toBe(true);
  [app, browser] = await Promise.all([createApp(config, { logger: silentLogger(), cron: false }), launchBrowser()]);
  await app.start();
  base = app.webUrl!;
  const page = async () => (await browser.newContext({ viewport: DESKTOP, acceptDownloads: true })).newPage();
  [office, an, standing] = await Promise.all([page(), page(), page()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.sequential("the sandbox", { timeout: 60_000 }, () => {
  it("links a vice-chair with the code it shows", async () => {
    await an.goto(`${base}/sandbox?p=pct-pho-an`);
    const code = (await an.textContent("#invite-code"))!.trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    const started = Date.now();
    await say(an, `/start ${code}`);
    await seen(an, /Kính chào đồng chí Nguyễn Văn An/);
    console.log(`sandbox: the bot's answer appeared on the page ${Date.now() - started} ms after Enter`);
    await screenshot(an, "sandbox-lien-ket");
  });

  it("publishes the seed notice as the office; the commune's group gets it live and acknowledges it", async () => {
    await an.locator("a.chat", { hasText: "HĐND xã Phổ An" }).click();
    await an.waitForURL(/c=g-PHO_AN/);
    await office.goto(`${base}/sandbox?p=vanphong`);
    await say(office, "/thongbao");
    await seen(office, /dán nội dung thông báo/);
    await office.click("details.attach summary");
    await office.click("#attach-sample-form button");
    await seen(office, /Đã nhận tệp/);
    await tap(office, "Tiếp tục");
    await tap(office, "Dùng tiêu đề này");
    // A choice answered by its number, as on a platform without buttons: 1 = "Tất cả đơn vị".
    await seen(office, /Gửi thông báo đến đâu\?/);
    await say(office, "1");
    await tap(office, "Không ghim");
    await seen(office, /XEM LẠI THÔNG BÁO/);
    await tap(office, "Gửi");
    await seen(office, /đã gửi đến 15\/15 nhóm/);
    // The vice-chair's page was not reloaded: the notice arrived through the event stream, whole, without markdown.
    const notice = bubble(an, /Kết luận buổi làm việc/);
    await notice.waitFor({ timeout: WAIT });
    const text = await notice.innerText();
    expect(text).toMatch(/trong tháng 5\/2022/);
    expect(text).toMatch(/Trần Duy Khánh/);
    expect(text).not.toContain("**");
    await tap(an, /Đã nhận/);
    await an.locator("#messages button.choice", { hasText: "Đã nhận (1)" }).waitFor({ timeout: WAIT });
    await screenshot(an, "sandbox-thong-bao-nhom");
  });

  it("turns the notice's deadline into a task", async () => {
    await tap(office, /Xem 1 yêu cầu báo cáo/);
    await seen(office, /trong tháng 5\/2022/);
    await tap(office, "Tạo nhiệm vụ");
    await seen(office, /Đã tạo nhiệm vụ #1/);
  });

  it("takes a report with a file; the standing committee sees it arrive in its group and in the console", async () => {
    await standing.goto(`${base}/sandbox?p=thuongtruc&c=g-THUONG_TRUC`);
    await an.locator("a.chat.private").click();
    await an.waitForURL(/c=u-pct-pho-an/);
    await say(an, "/baocao");
    await tap(an, /Kiểm tra, tổng hợp báo cáo/);
    await seen(an, /Gửi xong, bấm Xem lại/);
    await an.click("details.attach summary");
    await an.setInputFiles("#attach-file", {
      name: "Báo cáo Phổ An tháng 5.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Báo cáo vấn đề nổi cộm của xã Phổ An."),
    });
    await an.click("#attach-form button");
    await seen(an, /1 tệp/);
    await tap(an, "Xem lại");
    await tap(an, "Gửi");
    await seen(an, /Đã nhận báo cáo số BC-2022-0001/);
    // The standing committee's page (another person, never reloaded) shows the report and its file.
    await seen(standing, /BÁO CÁO BC-2022-0001/);
    await standing.locator("#messages a.file", { hasText: "Báo cáo Phổ An tháng 5.txt" }).waitFor({ timeout: WAIT });
    await screenshot(standing, "sandbox-nhom-thuong-truc");

    // The sandbox's own console, signed in from a /web link like a real member.
    await standing.locator("a.chat.private").click();
    await standing.waitForURL(/c=u-thuongtruc/);
    await say(standing, "/web");
    const link = standing.locator("#messages a", { hasText: /dang-nhap\?t=/ }).last();
    await link.waitFor({ timeout: WAIT });
    const href = (await link.getAttribute("href"))!;
    expect(href.startsWith(app.sandbox!.consoleUrl!)).toBe(true);
    const consolePage = await standing.context().newPage();
    await consolePage.goto(href);
    await consolePage.getByRole("button", { name: "Vào trang quản trị" }).click();
    await consolePage.goto(`${app.sandbox!.consoleUrl}/bao-cao`);
    expect(await consolePage.locator("main").innerText()).toMatch(/BC-2022-0001\s+Xã Phổ An/);
    await screenshot(consolePage, "sandbox-trang-quan-tri");
    await consolePage.close();
  });

  it("jumps to the day before the deadline: the units still missing are reminded", async () => {
    await office.locator("a.chat", { hasText: "HĐND xã Phổ Phong" }).click();
    await office.waitForURL(/c=g-PHO_PHONG/);
    await office.fill("#jump-at", "2022-05-30T09:00");
    await office.click("#jump-form button[value=at]");
    await seen(office, /NHẮC HẠN NỘP BÁO CÁO/);
    expect(await bubble(office, /NHẮC HẠN NỘP BÁO CÁO/).innerText()).toMatch(/còn 1 ngày/);
    await office.locator("#clock-now", { hasText: "30/5/2022" }).waitFor({ timeout: WAIT });
    await screenshot(office, "sandbox-nhac-han");
  });

  it("resets to the demo council", async () => {
    const before = await an.locator("#invite-code").textContent();
    office.once("dialog", (d) => void d.accept());
    await office.click("form.reset button");
    await office.waitForURL(/\/sandbox\?p=vanphong$/);
    await office.locator("#clock-now", { hasText: "5/5/2022" }).waitFor({ timeout: WAIT });
    expect(await office.locator("#messages .msg.bot").count()).toBe(0);
    await an.goto(`${base}/sandbox?p=pct-pho-an`);
    expect(await an.locator("#invite-code").textContent()).not.toBe(before);
    expect(await an.locator("#messages .msg.bot").count()).toBe(0);
  });

  it("answers on the page within moments (measured, printed for the README)", async () => {
    const times: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const started = Date.now();
      await say(office, "/trogiup");
      await office
        .locator("#messages .msg.bot", { hasText: "/thongbao" })
        .nth(i - 1)
        .waitFor({ timeout: WAIT });
      times.push(Date.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`sandbox: /trogiup answered on the page in ${times.join(", ")} ms (median ${times[2]} ms)`);
    expect(await office.locator("#messages .msg.bot", { hasText: "/thongbao" }).count()).toBe(5);
  });
});
