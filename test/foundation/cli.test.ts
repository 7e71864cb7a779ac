/** Runs the real `council` binary (bin/council.mjs) as an operator would. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, chmodSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../helpers/db.js";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/council.mjs");
let dir: string;

async function council(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH!, DATABASE_URL: testDatabaseUrl(path.join(dir, "data/council.db")), ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "council-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("council CLI", () => {
  it("seeds the demo council idempotently and reports 15 units", async () => {
    const first = await council(["seed", "demo"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Created the demo council DUCPHO/);
    expect((await council(["seed", "demo"])).stdout).toMatch(/nothing changed/);
    const status = await council(["status"]);
    expect(status.stdout).toMatch(/Units:\s+15 \(7 commune, 8 ward\)/);
    const json = JSON.parse((await council(["status", "--json"])).stdout);
    expect(json.units).toBe(15);
  });

  it("creates an invite and prints JSON", async () => {
    const r = await council(["invite", "create", "--role", "vice_chair", "--unit", "PHO_AN", "--name", "Nguyễn Văn An", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(out.start).toBe(`/start ${out.code}`);
    const bad = await council(["invite", "create", "--role", "king"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('Error: Unknown role "king". Use one of: admin, office, standing, committee, vice_chair, delegate.');
  });

  it("imports units and lists them as JSON; a bad file names the line and changes nothing", async () => {
    writeFileSync(path.join(dir, "more.csv"), "code,name,kind\nPHO_MOI,Xã Phổ Mới,xã\n");
    expect((await council(["units", "import", "more.csv"])).stdout).toMatch(/1 created/);
    writeFileSync(path.join(dir, "bad.csv"), "code,name,kind\nPHO_X,Xã X,xã\nPHO_Y,,xã\n");
    const bad = await council(["units", "import", "bad.csv"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 3: missing unit name/);
    const units = JSON.parse((await council(["units", "list", "--json"])).stdout) as { code: string }[];
    expect(units.map((u) => u.code)).toContain("PHO_MOI");
    expect(units.map((u) => u.code)).not.toContain("PHO_X");
    const missing = await council(["units", "import", "nope.csv"]);
    expect(missing.stderr.trim()).toBe("Error: File not found: nope.csv");
  });

  it("registers a group and lists it", async () => {
    expect(
      (await council(["group", "add", "--platform", "telegram", "--chat-id", "-1001234567890", "--purpose", "unit", "--unit", "pho_an"]))
        .code,
    ).toBe(0);
    const groups = JSON.parse((await council(["group", "list", "--json"])).stdout);
    expect(groups).toEqual([expect.objectContaining({ chatId: "-1001234567890", purpose: "unit", unit: "PHO_AN" })]);
    const bad = await council(["group", "add", "--platform", "telegram", "--chat-id", "42", "--purpose", "unit"]);
    expect(bad.code).toBe(1);
  });

  it("prints help for every command group", async () => {
    for (const args of [["--help"], ["units", "--help"], ["invite", "create", "--help"], ["group", "add", "--help"]]) {
      const r = await council(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: council/);
    }
  });

  it("gives one clear line for a bad DATABASE_URL or an unwritable folder", async () => {
    const wrong = await council(["status"], { DATABASE_URL: "mysql://localhost/x" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split("\n")).toHaveLength(1);
    expect(wrong.stderr).toMatch(/DATABASE_URL must be a SQLite file URL/);
    const ro = path.join(dir, "readonly");
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const unwritable = await council(["status"], { DATABASE_URL: `file:${ro}/sub/council.db` });
    expect(unwritable.code).toBe(1);
    if (process.getuid?.() !== 0) expect(unwritable.stderr).toMatch(/Cannot use the data folder .*permission denied/);
    else expect(unwritable.stderr.trim().split("\n")).toHaveLength(1);
    expect(unwritable.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
