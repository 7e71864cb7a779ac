/**
 * Access can be removed (issue 20, item 6), with the real `council` binary against the database of a running
 * service on the Telegram fake: an invite revoked before use, a member deactivated (accounts unlinked,
 * conversation ended, refused in chat in Vietnamese), one platform unlinked after a lost phone and linked
 * again with a new invite. Each change is in the audit log.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/council.mjs");
const an = person(9201, "An", "Nguyễn");
const binh = person(9202, "Bình", "Trần");
const stranger = person(9203, "Khách", "Lạ");

let e: E2E;
beforeAll(async () => {
  e = await E2E.start();
}, 60_000);
afterAll(() => e?.close());

async function council(...args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      cwd: e.dir,
      env: { PATH: process.env.PATH!, DATABASE_URL: e.config.databaseUrl, DATA_DIR: e.config.dataDir },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const x = err as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/** The member a person's Telegram account is linked to. */
const memberIdOf = async (p: { id: number }) =>
  (await e.db.prisma.chatIdentity.findFirstOrThrow({ where: { platform: "telegram", platformUserId: String(p.id) } })).memberId;

describe.sequential("removing access", { timeout: 90_000 }, () => {
  it("revokes an invite before it is used: the code stops working", async () => {
    const created = await council("invite", "create", "--role", "delegate", "--unit", "PHO_AN", "--name", "Lê Văn Cường", "--json");
    expect(created.code).toBe(0);
    const code = JSON.parse(created.stdout).code as string;
    const list = JSON.parse((await council("invite", "list", "--open", "--json")).stdout) as { id: number; name: string; state: string }[];
    const invite = list.find((i) => i.name === "Lê Văn Cường")!;
    expect(invite.state).toBe("open");
    const revoked = await council("invite", "revoke", String(invite.id));
    expect(revoked.stdout).toMatch(/revoked/);
    expect((await council("invite", "revoke", String(invite.id))).stderr).toMatch(/is revoked; only open invites/);
    expect((await council("invite", "revoke", "999999")).code).toBe(1);
    expect((await e.ask(stranger, `/start ${code}`)).plainText).toMatch(/Mã mời này đã bị hủy/);
    expect(await e.db.prisma.auditLog.count({ where: { action: "invite.revoke", entityId: String(invite.id) } })).toBe(1);
  });

  it("deactivates a member: accounts unlinked, conversation ended, refused in chat from then on", async () => {
    await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    const id = await memberIdOf(an);
    // An is in the middle of a report.
    await e.ask(an, "/baocao");
    expect(await e.db.prisma.conversation.count({ where: { platformUserId: String(an.id) } })).toBe(1);

    const r = await council("members", "deactivate", String(id));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Nguyễn Văn An is inactive from now on/);
    expect(r.stdout).toMatch(/Unlinked: telegram; conversations ended: 1/);
    expect(await e.db.prisma.member.findUniqueOrThrow({ where: { id }, include: { identities: true } })).toMatchObject({
      active: false,
      identities: [],
    });
    expect(await e.db.prisma.conversation.count({ where: { platformUserId: String(an.id) } })).toBe(0);
    expect(await e.db.prisma.auditLog.count({ where: { action: "member.deactivate", entityId: String(id) } })).toBe(1);

    const refused = await e.ask(an, "/hanbaocao");
    expect(refused.plainText).toBe(
      "Tài khoản của đồng chí đã được Văn phòng HĐND ngừng sử dụng trong hệ thống, nên bot không tiếp nhận yêu cầu từ tài khoản này. Nếu có sai sót, đề nghị đồng chí liên hệ Văn phòng.",
    );
    expect((await e.ask(an, "Tôi gửi báo cáo")).plainText).toMatch(/ngừng sử dụng/);
    expect((await council("members", "deactivate", String(id))).stderr).toMatch(/already inactive/);
    expect((await council("members", "list")).stdout).toMatch(/Nguyễn Văn An.*inactive/);
  });

  it("unlinks one platform after a lost phone; a new invite links the new account and the member works again", async () => {
    await e.link(binh, "vice_chair", "PHO_PHONG", "Trần Văn Bình");
    const id = await memberIdOf(binh);
    expect((await council("members", "unlink", String(id), "--platform", "zalo")).stderr).toMatch(/no zalo account linked/);
    expect((await council("members", "unlink", String(id), "--platform", "fax")).stderr).toMatch(/Unknown platform/);
    const r = await council("members", "unlink", String(id), "--platform", "telegram");
    expect(r.stdout).toMatch(/Trần Văn Bình's telegram account is unlinked/);
    expect((await e.ask(binh, "/hanbaocao")).plainText).toMatch(/đã được Văn phòng HĐND gỡ liên kết/);
    expect(await e.db.prisma.member.findUniqueOrThrow({ where: { id } })).toMatchObject({ active: true });

    const fresh = JSON.parse(
      (await council("invite", "create", "--role", "vice_chair", "--unit", "PHO_PHONG", "--member", String(id), "--json")).stdout,
    );
    expect((await e.ask(binh, `/start ${fresh.code}`)).plainText).toMatch(/Kính chào đồng chí Trần Văn Bình/);
    expect((await e.ask(binh, "/hanbaocao")).plainText).toMatch(/Phổ Phong/);
    expect(await e.db.prisma.auditLog.count({ where: { action: "member.unlink", entityId: String(id) } })).toBe(1);
  });
});
