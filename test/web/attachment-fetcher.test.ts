/** The attachment fetcher: files downloaded once with the platform's function, content-addressed, size-limited, retried. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { AttachmentFetcher } from "../../src/jobs/attachment-fetcher.js";
import type { PlatformInfo } from "../../src/bot/context.js";
import { silentLogger } from "../../src/logging/logger.js";
import { systemClock } from "../../src/domain/time/clock.js";
import { openTestDatabase } from "../helpers/db.js";

let dir: string;
let db: Database;
let submissionId: number;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "council-fetcher-"));
  db = await openTestDatabase(path.join(dir, "c.db"));
  const council = await db.prisma.council.create({ data: { code: "T", name: "HĐND thử" } });
  const unit = await db.prisma.unit.create({ data: { councilId: council.id, code: "A", name: "Xã A", kind: "commune" } });
  const member = await db.prisma.member.create({ data: { councilId: council.id, fullName: "An", role: "vice_chair", unitId: unit.id } });
  submissionId = (
    await db.prisma.submission.create({
      data: { councilId: council.id, unitId: unit.id, memberId: member.id, receiptNo: "BC-1", body: "x" },
    })
  ).id;
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const attach = (fileId: string, fileName: string | null, size: number | null = null) =>
  db.prisma.attachment.create({ data: { submissionId, platform: "telegram", fileId, kind: "document", fileName, size } });

function fetcher(download: (id: string) => Promise<Buffer>, maxBytes = 1000) {
  const platform: PlatformInfo = {
    displayName: "Telegram",
    buttons: true,
    maxDownloadBytes: 20 * 1024 * 1024,
    deepLink: () => null,
    downloadFile: download,
  };
  return new AttachmentFetcher({
    db,
    platforms: { telegram: platform },
    dataDir: dir,
    maxBytes,
    logger: silentLogger(),
    clock: systemClock,
    maxAttempts: 3,
    backoff: { baseMs: 1, maxMs: 1 },
  });
}

describe("attachment fetcher", () => {
  it("stores each file once by content, keeps the name, and refuses files over the limit", async () => {
    const a = await attach("f1", "Báo cáo.pdf");
    const b = await attach("f2", "ban-sao.pdf");
    const big = await attach("f3", "lon.pdf");
    const declaredBig = await attach("f4", "lon2.pdf", 5000);
    const calls: string[] = [];
    const f = fetcher(async (id) => {
      calls.push(id);
      return id === "f3" ? Buffer.alloc(2000) : Buffer.from("%PDF same bytes");
    });
    await f.runOnce();
    const rows = new Map((await db.prisma.attachment.findMany()).map((r) => [r.id, r]));
    expect(rows.get(a.id)!.storeStatus).toBe("stored");
    expect(rows.get(a.id)!.storedPath).toBe(rows.get(b.id)!.storedPath);
    expect(rows.get(a.id)!.storedPath).toMatch(/^attachments\/[0-9a-f]{64}\.pdf$/);
    expect(readFileSync(path.join(dir, rows.get(a.id)!.storedPath!), "utf8")).toBe("%PDF same bytes");
    expect(rows.get(a.id)!.fileName).toBe("Báo cáo.pdf");
    expect(rows.get(big.id)!.storeStatus).toBe("too_large");
    expect(rows.get(declaredBig.id)!.storeStatus).toBe("too_large");
    expect(calls).not.toContain("f4"); // refused from its declared size, without downloading
  });

  it("retries a failing download with back-off, then gives up with the reason", async () => {
    const a = await attach("f1", "x.pdf");
    let n = 0;
    const f = fetcher(async () => {
      n++;
      if (n === 1) throw new Error("network: ECONNRESET");
      return Buffer.from("ok");
    });
    await f.runOnce();
    expect((await db.prisma.attachment.findUniqueOrThrow({ where: { id: a.id } })).storeStatus).toBe("pending");
    await new Promise((r) => setTimeout(r, 5));
    await f.runOnce();
    expect((await db.prisma.attachment.findUniqueOrThrow({ where: { id: a.id } })).storeStatus).toBe("stored");

    const b = await attach("f2", "y.pdf");
    const failing = fetcher(async () => {
      throw new Error("HTTP 502");
    });
    for (let i = 0; i < 3; i++) {
      await failing.runOnce();
      await new Promise((r) => setTimeout(r, 5));
    }
    const row = await db.prisma.attachment.findUniqueOrThrow({ where: { id: b.id } });
    expect([row.storeStatus, row.storeAttempts, row.storeError]).toEqual(["failed", 3, "HTTP 502"]);
  });
});
