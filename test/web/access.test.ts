/**
 * Removing access from the console's Danh bạ page, in a real browser against the real service: the clerk
 * unlinks a vice-chair's Telegram account, deactivates another member, and revokes an invite; each asks
 * once (a confirm dialog), is audited, and the people concerned are refused in chat with a Vietnamese
 * sentence. The clerk cannot deactivate themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { E2E, person } from "../helpers/e2e.js";
import { DESKTOP, launchBrowser, screenshot } from "../helpers/browser.js";
import { createInvite } from "../../src/core/invites.js";

const clerk = person(8301, "Lan", "Phạm");
const an = person(8302, "An", "Nguyễn");
const cuc = person(8303, "Cúc", "Phan");

let e: E2E;
let browser: Browser;
let office: BrowserContext;
let page: Page;
let base = "";
const dialogs: string[] = [];

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
const row = (name: string) => page.locator("tr", { hasText: name });

beforeAll(async () => {
  [e, browser] = await Promise.all([E2E.start({ now: "2022-05-23T02:00:00Z" }), launchBrowser()]);
  base = e.app.webUrl!;
  await e.link(clerk, "office", null, "Phạm Thị Lan Anh");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Thị An Bình");
  await e.link(cuc, "delegate", "PHO_PHONG", "Phan Thị Cúc Hoa");
  office = await browser.newContext({ viewport: DESKTOP });
  page = await signIn(office, clerk);
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await e?.close();
});

describe.sequential("removing access in the console", { timeout: 60_000 }, () => {
  it("unlinks a vice-chair's Telegram account: asked once, audited, refused in chat", async () => {
    await page.goto(`${base}/danh-ba`);
    await row("Nguyễn Thị An Bình").getByRole("button", { name: "Gỡ liên kết Telegram" }).click();
    expect(await flashText()).toBe("Đã gỡ liên kết tài khoản Telegram của Nguyễn Thị An Bình.");
    expect(dialogs.pop()).toMatch(/^Gỡ liên kết tài khoản Telegram của Nguyễn Thị An Bình\?/);
    await screenshot(page, "danh-ba-go-lien-ket");
    expect(await row("Nguyễn Thị An Bình").innerText()).toMatch(/Chưa liên kết/);
    expect(await e.db.prisma.auditLog.count({ where: { action: "member.unlink", actorLabel: { startsWith: "web:" } } })).toBe(1);
    expect((await e.ask(an, "/hanbaocao")).plainText).toMatch(/đã được Văn phòng HĐND gỡ liên kết khỏi hệ thống/);
  });

  it("deactivates a member; the clerk is offered no such button for themselves", async () => {
    await page.goto(`${base}/danh-ba`);
    expect(await row("Phạm Thị Lan Anh").getByRole("button", { name: "Ngừng hoạt động" }).count()).toBe(0);
    await row("Phan Thị Cúc Hoa").getByRole("button", { name: "Ngừng hoạt động" }).click();
    expect(await flashText()).toBe(
      "Đã ngừng hoạt động tài khoản của Phan Thị Cúc Hoa và gỡ liên kết 1 tài khoản chat. Từ nay bot không tiếp nhận yêu cầu từ người này.",
    );
    expect(dialogs.pop()).toMatch(/^Ngừng hoạt động tài khoản của Phan Thị Cúc Hoa\?/);
    expect(await row("Phan Thị Cúc Hoa").innerText()).toMatch(/Ngừng hoạt động/);
    const member = await e.db.prisma.member.findFirstOrThrow({ where: { fullName: "Phan Thị Cúc Hoa" }, include: { identities: true } });
    expect(member).toMatchObject({ active: false, identities: [] });
    expect((await e.ask(cuc, "/hanbaocao")).plainText).toMatch(/ngừng sử dụng trong hệ thống/);
  });

  it("revokes an open invite from the Mã mời tab", async () => {
    const invite = await createInvite(e.db, {
      councilId: e.councilId,
      role: "delegate",
      unitCode: "PHO_AN",
      fullName: "Võ Văn Đức",
      ttlDays: 7,
      now: e.clock.now(),
      actorLabel: "test",
      secret: e.secret,
    });
    if (!invite.ok) throw new Error("invite");
    await page.goto(`${base}/danh-ba?muc=ma-moi`);
    await row("Võ Văn Đức").getByRole("button", { name: "Thu hồi" }).click();
    expect(await flashText()).toBe("Đã thu hồi mã mời; mã không còn dùng được.");
    expect(await row("Võ Văn Đức").innerText()).toMatch(/Đã thu hồi/);
    expect(await row("Võ Văn Đức").getByRole("button", { name: "Thu hồi" }).count()).toBe(0);
    const stranger = person(8304, "Đức", "Võ");
    expect((await e.ask(stranger, `/start ${invite.code}`)).plainText).toMatch(/Mã mời này đã bị hủy/);
  });

  it("refuses the same actions to a vice-chair (the use case checks, not only the page)", async () => {
    const viceChair = person(8305, "Hải", "Lê");
    await e.link(viceChair, "vice_chair", "PHO_PHONG", "Lê Văn Hải");
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const p = await signIn(ctx, viceChair);
    const csrf = await p.locator('input[name="_csrf"]').first().getAttribute("value");
    const target = await e.db.prisma.member.findFirstOrThrow({ where: { fullName: "Phạm Thị Lan Anh" } });
    const res = await p.request.post(`${base}/danh-ba/thanh-vien/${target.id}/ngung-hoat-dong`, {
      form: { _csrf: csrf ?? "" },
      headers: { Origin: base },
    });
    expect(res.status()).toBe(403);
    // Refused by the use case's permission check (a CSRF refusal would say something else).
    expect(await res.text()).toContain("Tài khoản của đồng chí không có quyền thực hiện thao tác này.");
    expect(await e.db.prisma.member.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ active: true });
    await ctx.close();
  });
});
