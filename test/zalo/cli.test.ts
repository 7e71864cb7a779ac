/** `council zalo login | groups | status`, with the zca-js session replaced by the typed fake. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { Command } from "commander";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LoginQRCallbackEventType, ZaloApiError, ZaloApiLoginQRDeclined, type LoginQRCallback } from "zca-js";
import { zaloCommandRegistrar, qrPathFor, type ZaloCliDeps } from "../../src/cli/commands/zalo.js";
import { CliError, createCliContext, type CliContext } from "../../src/cli/context.js";
import { writeCredentials } from "../../src/platforms/zalo/credentials.js";
import { decodeQrPng } from "../../src/platforms/zalo/qr-terminal.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { addGroup } from "../../src/core/directory/groups.js";
import { FakeZaloApi } from "./fake-zalo.js";
import { testDatabaseUrl } from "../helpers/db.js";

const require = createRequire(import.meta.url);

/** A QR code PNG like the one Zalo hands over (drawn with qrcode-terminal's encoder, painted with pngjs). */
function qrPng(text: string): Buffer {
  const QRCode = require("qrcode-terminal/vendor/QRCode/index.js");
  const levels = require("qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel.js");
  const qr = new QRCode(-1, levels.M);
  qr.addData(text);
  qr.make();
  const n: number = qr.getModuleCount();
  const scale = 5;
  const margin = 4;
  const size = (n + 2 * margin) * scale;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const r = Math.floor(y / scale) - margin;
      const c = Math.floor(x / scale) - margin;
      const v = r >= 0 && c >= 0 && r < n && c < n && qr.isDark(r, c) ? 0 : 255;
      const i = (y * size + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "zalo-cli-"));
  file = path.join(dir, "data", "zalo-credentials.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function council(args: string[], deps: Partial<ZaloCliDeps>): Promise<{ code: number; out: string; error?: string }> {
  const lines: string[] = [];
  let ctx: CliContext | undefined;
  const env = {
    DATABASE_URL: testDatabaseUrl(path.join(dir, "data", "council.db")),
    DATA_DIR: path.join(dir, "data"),
    ZALO_CREDENTIALS_FILE: file,
    LOG_LEVEL: "silent",
  };
  const program = new Command("council").exitOverride();
  zaloCommandRegistrar(deps)(program, () => (ctx ??= createCliContext(env, (l) => lines.push(l))));
  try {
    await program.parseAsync(["node", "council", ...args]);
    return { code: 0, out: lines.join("\n") };
  } catch (e) {
    if (e instanceof CliError) return { code: e.exitCode, out: lines.join("\n"), error: e.message };
    throw e;
  } finally {
    await ctx?.close();
  }
}

const noop = { retry: () => undefined, abort: () => undefined };

describe("council zalo login", () => {
  it("prints the QR code as text, saves the PNG next to the credentials, then stores the session with mode 0600", async () => {
    const api = new FakeZaloApi();
    let pngSeenDuringLogin: Buffer | null = null;
    const qrLogin = async (options: { qrPath: string }, callback: LoginQRCallback) => {
      expect(options.qrPath).toBe(qrPathFor(file));
      callback({
        type: LoginQRCallbackEventType.QRCodeGenerated,
        data: {
          code: "c",
          image: qrPng("https://id.zalo.me/qr/abc").toString("base64"),
          options: { enabledCheckOCR: false, enabledMultiLayer: false },
          token: "t",
        },
        actions: { saveToFile: async () => undefined, ...noop },
      });
      // The PNG is written asynchronously; wait for it rather than for a fixed time.
      await expect
        .poll(() => existsSync(options.qrPath) && readFileSync(options.qrPath).length > 0, { timeout: 5000, interval: 10 })
        .toBe(true);
      pngSeenDuringLogin = readFileSync(options.qrPath);
      callback({ type: LoginQRCallbackEventType.QRCodeScanned, data: { avatar: "", display_name: "Văn phòng HĐND" }, actions: noop });
      callback({
        type: LoginQRCallbackEventType.GotLoginInfo,
        data: { cookie: [{ key: "zpw_sek", value: "qr-secret", domain: "chat.zalo.me" }] as never, imei: "imei-qr", userAgent: "UA/QR" },
        actions: null,
      });
      return api;
    };
    const r = await council(["zalo", "login"], { qrLogin });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Scan this QR code/);
    expect(r.out).toMatch(/[▄▀█]{10}/);
    expect(r.out).toMatch(/Scanned by "Văn phòng HĐND"/);
    expect(r.out).toMatch(/Signed in as Zalo account 9000000000000000001/);
    expect(r.out).toMatch(/ZALO_ENABLED=true/);
    expect(decodeQrPng(pngSeenDuringLogin!)).toBe("https://id.zalo.me/qr/abc");
    expect(existsSync(qrPathFor(file))).toBe(false); // removed once used
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved).toMatchObject({ imei: "imei-qr", userAgent: "UA/QR" });
    expect(saved.cookie[0].value).toBe("fresh-secret"); // the jar as it was after the login
    expect(r.out).not.toMatch(/secret|imei-qr/);
  });

  it("says so when the sign-in is declined on the phone, and saves nothing", async () => {
    const qrLogin = async (_o: unknown, callback: LoginQRCallback) => {
      callback({ type: LoginQRCallbackEventType.QRCodeDeclined, data: { code: "c" }, actions: noop });
      throw new ZaloApiLoginQRDeclined();
    };
    const r = await council(["zalo", "login"], { qrLogin: qrLogin as never });
    expect(r.code).toBe(1);
    expect(r.error).toMatch(/declined/);
    expect(existsSync(file)).toBe(false);
  });
});

describe("council zalo groups", () => {
  it("lists the account's groups with member counts and whether each is registered", async () => {
    await writeCredentials(file, { imei: "i", userAgent: "u", cookie: [{ key: "zpw_sek", value: "v" }] });
    const api = new FakeZaloApi();
    api.groups = {
      "6660001": { groupId: "6660001", name: "HĐND xã Phổ An", totalMember: 12 },
      "6660002": { groupId: "6660002", name: "Cán bộ phường Phổ Vinh", totalMember: 30 },
    };
    const setup = createCliContext({ DATABASE_URL: testDatabaseUrl(path.join(dir, "data", "council.db")), LOG_LEVEL: "silent" });
    const db = await setup.db();
    const { councilId } = await seedDemo(db, "Asia/Ho_Chi_Minh", "test");
    await addGroup(
      db,
      councilId,
      { platform: "zalo", chatId: "6660001", purpose: "unit", unitCode: "PHO_AN", title: null },
      "test",
      new Date(),
    );
    await setup.close();

    const json = await council(["zalo", "groups", "--json"], { connect: async () => api });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([
      { id: "6660002", name: "Cán bộ phường Phổ Vinh", members: 30, registered: false, purpose: null, unit: null, active: null },
      { id: "6660001", name: "HĐND xã Phổ An", members: 12, registered: true, purpose: "unit", unit: "PHO_AN", active: true },
    ]);
    const table = await council(["zalo", "groups"], { connect: async () => api });
    expect(table.out).toMatch(/6660001\s+HĐND xã Phổ An\s+12\s+unit PHO_AN/);
    expect(table.out).toMatch(/2 group\(s\), 1 not registered/);
  });

  it("tells the operator to log in when the saved session is refused or missing", async () => {
    expect((await council(["zalo", "groups"], { connect: async () => new FakeZaloApi() })).error).toMatch(
      /does not exist.*council zalo login/,
    );
    await writeCredentials(file, { imei: "i", userAgent: "u", cookie: [{ key: "zpw_sek", value: "v" }] });
    const refused = await council(["zalo", "groups"], { connect: async () => Promise.reject(new ZaloApiError("Đăng nhập thất bại")) });
    expect(refused).toMatchObject({ code: 1, error: expect.stringMatching(/did not accept the saved session.*council zalo login/) });
  });
});

describe("council zalo status", () => {
  it("shows whether the file exists, is owner-only, and when it was saved", async () => {
    expect((await council(["zalo", "status"], {})).out).toMatch(/State: missing\. Run `council zalo login`/);
    await writeCredentials(file, { imei: "i", userAgent: "u", cookie: [{ key: "zpw_sek", value: "v" }] }, new Date("2026-05-01T01:00:00Z"));
    const ok = await council(["zalo", "status"], {});
    expect(ok.out).toMatch(/Permissions: 0600 \(owner only\)/);
    expect(ok.out).toMatch(/Saved at: 2026-05-01T01:00:00.000Z/);
    chmodSync(file, 0o644);
    expect((await council(["zalo", "status"], {})).out).toMatch(/Permissions: 0644 WARNING: readable by others/);
    const checked = await council(["zalo", "status", "--check", "--json"], { connect: async () => new FakeZaloApi() });
    expect(JSON.parse(checked.out)).toMatchObject({
      present: true,
      valid: true,
      accepted: true,
      account: "9000000000000000001",
      mode: "0600",
    });
  });
});
