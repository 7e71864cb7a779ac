/**
 * Issue 12: the operator CLI as the README's tour uses it. An invite for a name the directory already has
 * links that member (item 9); Vietnamese role names; no vice-chair for a committee; expiry in council time;
 * `--at` in the form the other dates take; a missing argument is an "Error: ..." line with exit code 1.
 * In this process (runCli is what the binary calls), on a real SQLite file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { openDatabase } from "../../src/db/client.js";

let dir: string;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ["node", "council", ...args],
    { DATABASE_URL: `file:${path.join(dir, "council.db")}`, LOG_LEVEL: "silent", INVITE_TTL_DAYS: "7" },
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

async function members(name: string) {
  const db = await openDatabase(path.join(dir, "council.db"));
  try {
    return await db.prisma.member.findMany({ where: { fullName: name }, include: { unit: true } });
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "council-cli-12-"));
  expect((await cli(["seed", "demo"])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("council invite create", () => {
  it("links the demo's Nguyễn Văn An instead of creating a second one (the README's tour)", async () => {
    const [demo] = await members("Nguyễn Văn An");
    const r = await cli(["invite", "create", "--role", "vice_chair", "--unit", "PHO_AN", "--name", "Nguyễn Văn An", "--json"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toMatchObject({ member: demo!.id, unit: "PHO_AN", name: "Nguyễn Văn An" });
    // Typed differently (case, spaces): the same person.
    const again = await cli(["invite", "create", "--role", "vice_chair", "--unit", "pho_an", "--name", "  nguyễn văn  AN "]);
    expect(again.stdout).toMatch(new RegExp(`^Invite code: [A-Z2-9]{8}\\nFor the existing member #${demo!.id} \\(  nguyễn văn  AN \\)\\.`));
    const db = await openDatabase(path.join(dir, "council.db"));
    try {
      const invites = await db.prisma.inviteCode.findMany({ where: { unit: { code: "PHO_AN" } } });
      expect(invites.map((i) => i.memberId)).toEqual([demo!.id, demo!.id]);
    } finally {
      await db.close();
    }
    expect(await members("Nguyễn Văn An")).toHaveLength(1);
    // Another unit's Nguyễn Văn An is someone else: a new member when the code is used.
    const other = JSON.parse(
      (await cli(["invite", "create", "--role", "vice_chair", "--unit", "PHO_CHAU", "--name", "Nguyễn Văn An", "--json"])).stdout,
    );
    expect(other.member).toBeNull();
  });

  it("refuses when several members have that name in that unit, and says to use --member", async () => {
    const db = await openDatabase(path.join(dir, "council.db"));
    let ids: number[];
    try {
      const unit = await db.prisma.unit.findFirstOrThrow({ where: { code: "PHO_NINH" } });
      const council = await db.prisma.council.findFirstOrThrow();
      const a = await db.prisma.member.create({
        data: { councilId: council.id, fullName: "Trần Thị Bích", role: "delegate", unitId: unit.id },
      });
      const b = await db.prisma.member.create({
        data: { councilId: council.id, fullName: "Trần Thị Bích", role: "delegate", unitId: unit.id },
      });
      ids = [a.id, b.id];
    } finally {
      await db.close();
    }
    const r = await cli(["invite", "create", "--role", "delegate", "--unit", "PHO_NINH", "--name", "Trần Thị Bích"]);
    expect([r.code, r.stderr]).toEqual([
      1,
      `Error: 2 members are named "Trần Thị Bích" in PHO_NINH (ids ${ids.join(", ")}). Use --member ID to choose one (see \`council members list\`).`,
    ]);
    const chosen = await cli([
      "invite",
      "create",
      "--role",
      "delegate",
      "--member",
      String(ids[1]),
      "--name",
      "Trần Thị Bích",
      "--unit",
      "PHO_NINH",
      "--json",
    ]);
    expect(JSON.parse(chosen.stdout).member).toBe(ids[1]);
  });

  it("takes Vietnamese role names, refuses a vice-chair for a committee, and shows the expiry in council time", async () => {
    const vn = await cli(["invite", "create", "--role", "Phó Chủ tịch", "--unit", "PHO_KHANH", "--name", "Lê Văn Tám", "--json"]);
    expect(JSON.parse(vn.stdout)).toMatchObject({ role: "vice_chair", unit: "PHO_KHANH" });
    expect(JSON.parse((await cli(["invite", "create", "--role", "văn phòng", "--name", "Ngô Thị Hoa", "--json"])).stdout).role).toBe(
      "office",
    );
    const ban = await cli(["invite", "create", "--role", "vice_chair", "--unit", "BAN_PC", "--name", "Võ Văn Cường"]);
    expect([ban.code, ban.stderr]).toEqual([
      1,
      "Error: BAN_PC is a committee (Ban HĐND): a vice_chair invite needs a commune or ward. For a committee member use --role committee.",
    ]);
    const text = await cli(["invite", "create", "--role", "delegate", "--unit", "PHO_AN", "--name", "Đỗ Minh Khoa"]);
    const json = JSON.parse(
      (await cli(["invite", "create", "--role", "delegate", "--unit", "PHO_AN", "--name", "Đỗ Minh Quân", "--json"])).stdout,
    );
    // 7 days from now, written in Vietnam time (UTC+7) with the zone named.
    const local = new Date(new Date(json.expiresAt).getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
    expect(json.expiresAtLocal).toBe(local);
    expect(text.stdout).toMatch(/\nValid until \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Ho_Chi_Minh\); it works once\.$/);
  });
});

describe("command-line mistakes", () => {
  it("prints a missing argument as one Error line and exits 1, like every other problem", async () => {
    const r = await cli(["task", "close"]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe("Error: missing required argument 'id'");
    const role = await cli(["group", "add", "--platform", "telegram", "--chat-id", "-100"]);
    expect([role.code, role.stderr.split("\n")[0]]).toEqual([1, "Error: required option '--purpose <purpose>' not specified"]);
    const unknown = await cli(["task", "list", "--nope"]);
    expect([unknown.code, unknown.stderr.split("\n")[0]]).toEqual([1, "Error: unknown option '--nope'"]);
    expect((await cli(["--help"])).code).toBe(0);
  });

  it("reads --at as 28/5/2022 08:00, like the other dates", async () => {
    const iso = JSON.parse((await cli(["reminders", "preview", "--at", "2022-05-28T08:00", "--json"])).stdout);
    const vn = await cli(["reminders", "preview", "--at", "28/5/2022 08:00", "--json"]);
    expect([vn.code, vn.stderr]).toEqual([0, ""]);
    expect(JSON.parse(vn.stdout).at).toBe("2022-05-28T01:00:00.000Z");
    expect(JSON.parse(vn.stdout).at).toBe(iso.at);
    expect(JSON.parse((await cli(["reminders", "preview", "--at", "28/5/2022", "--json"])).stdout).at).toBe("2022-05-27T17:00:00.000Z");
    const bad = await cli(["reminders", "preview", "--at", "31/2/2022 08:00"]);
    expect(bad.code).toBe(1);
  });
});
