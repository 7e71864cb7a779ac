import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { credentialsStatus, readCredentials, writeCredentials, type ZaloCredentials } from "../../src/platforms/zalo/credentials.js";

const creds: ZaloCredentials = {
  imei: "a1b2c3-imei",
  userAgent: "Mozilla/5.0 Firefox/133.0",
  cookie: [{ key: "zpw_sek", value: "s3cret", domain: "chat.zalo.me", path: "/", expires: "2030-01-02T03:04:05.000Z" }],
};
const mode = (f: string) => statSync(f).mode & 0o777;

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "zalo-creds-"));
  file = path.join(dir, "data", "zalo-credentials.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the Zalo credentials file", () => {
  it("is written with mode 0600, atomically, with the time it was saved", async () => {
    await writeCredentials(file, creds, new Date("2026-05-01T01:00:00Z"));
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(["zalo-credentials.json"]); // no temporary file left
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved).toMatchObject({ imei: "a1b2c3-imei", savedAt: "2026-05-01T01:00:00.000Z" });
    const read = await readCredentials(file);
    expect(read).toMatchObject({ ok: true, fixedMode: false, credentials: { imei: "a1b2c3-imei", userAgent: creds.userAgent } });
  });

  it("narrows a file that was left readable by others (0644) when it is written or read", async () => {
    await writeCredentials(file, creds);
    chmodSync(file, 0o644);
    await writeCredentials(file, { ...creds, imei: "new" });
    expect(mode(file)).toBe(0o600);
    chmodSync(file, 0o644);
    const read = await readCredentials(file);
    expect(read).toMatchObject({ ok: true, fixedMode: true });
    expect(mode(file)).toBe(0o600);
  });

  it("tells the operator what to do when the file is missing or malformed, without echoing secrets", async () => {
    const missing = await readCredentials(file);
    expect(missing).toMatchObject({ ok: false, reason: "missing" });
    if (!missing.ok) expect(missing.message).toMatch(/council zalo login/);
    writeFileSync(path.join(dir, "bad.json"), "{ not json");
    expect(await readCredentials(path.join(dir, "bad.json"))).toMatchObject({
      ok: false,
      reason: "malformed",
      message: expect.stringMatching(/not valid JSON.*council zalo login/),
    });
    writeFileSync(
      path.join(dir, "partial.json"),
      JSON.stringify({ imei: "x", userAgent: "", cookie: [{ key: "zpw_sek", value: "TOPSECRET" }] }),
    );
    const partial = await readCredentials(path.join(dir, "partial.json"));
    expect(partial).toMatchObject({ ok: false, reason: "malformed", message: expect.stringMatching(/userAgent/) });
    if (!partial.ok) expect(partial.message).not.toContain("TOPSECRET");
    await expect(writeCredentials(file, { ...creds, cookie: [] })).rejects.toThrow(/incomplete/);
  });

  it("reports its state for `council zalo status`", async () => {
    expect(await credentialsStatus(file)).toMatchObject({ present: false, problem: "missing" });
    await writeCredentials(file, creds, new Date("2026-05-01T01:00:00Z"));
    expect(await credentialsStatus(file)).toMatchObject({
      present: true,
      mode: 0o600,
      ownerOnly: true,
      valid: true,
      savedAt: "2026-05-01T01:00:00.000Z",
      sessionExpiresAt: new Date("2030-01-02T03:04:05.000Z"),
    });
    chmodSync(file, 0o640);
    expect(await credentialsStatus(file)).toMatchObject({ ownerOnly: false, mode: 0o640 });
  });
});
