/**
 * Issue 20, items 1 and 2: heavy documents against the real service (`node bin/service.mjs` with the heap
 * flags of `npm start`). A ~100-page Word notice (5 MB of ordinary document XML in a 100 KB .docx) and a
 * one-page PDF whose content stream inflates to 170 MB are refused politely in Vietnamese, while another
 * person's commands are answered in the meantime, and the service is still alive afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi, type SentMessageRecord } from "../fakes/telegram-bot-api/index.js";
import { ServiceProcess, serviceEnv, SERVICE_NODE_FLAGS } from "../helpers/service-process.js";
import type { Database } from "../../src/db/client.js";
import { openTestDatabase } from "../helpers/db.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { createInvite } from "../../src/core/invites.js";
import { extractMessagesVi } from "../../src/documents/messages-vi.js";
import { buildHeavyDocx, buildHeavyPdf } from "../helpers/heavy-documents.js";
import { serverSecret } from "../../src/files/server-secret.js";

const HA = { id: 9701, first_name: "Hà" }; // office
const AN = { id: 9702, first_name: "An" }; // a vice-chair, writing at the same time

let fake: FakeBotApi | undefined;
let db: Database | undefined;
let dir: string | undefined;
let service: ServiceProcess | undefined;

afterEach(async () => {
  await service?.kill().catch(() => undefined);
  await db?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  service = undefined;
  fake = undefined;
  db = undefined;
  dir = undefined;
});

describe("heavy documents sent to the running service", () => {
  it("refuses a 5 MB-XML Word file and a 170 MB-stream PDF politely while answering someone else", async () => {
    expect(SERVICE_NODE_FLAGS).toContain("--max-old-space-size=192");
    fake = await startFakeBotApi({ rateLimits: false });
    dir = mkdtempSync(path.join(tmpdir(), "council-heavy-"));
    const dataDir = path.join(dir, "data");
    mkdirSync(dataDir);
    const databaseFile = path.join(dir, "council.db");
    db = await openTestDatabase(databaseFile); // the service reaches the same database (a schema on PostgreSQL)
    const { councilId } = await seedDemo(db, "Asia/Ho_Chi_Minh", "test");
    const code = async (role: string, unitCode: string | null, fullName: string) => {
      const r = await createInvite(db!, {
        councilId,
        role,
        unitCode,
        fullName,
        ttlDays: 7,
        now: new Date(),
        actorLabel: "test",
        secret: serverSecret({ serverSecret: undefined, dataDir }),
      });
      if (!r.ok) throw new Error(r.reason);
      return r.code;
    };
    const haCode = await code("office", null, "Lê Thị Hà");
    const anCode = await code("vice_chair", "PHO_AN", "Nguyễn Văn An");
    service = await ServiceProcess.start({
      cwd: dir,
      env: serviceEnv({
        databaseFile,
        dataDir,
        token: fake.token,
        apiRoot: fake.apiRoot,
        extra: { DOCUMENT_READ_TIMEOUT_SECONDS: "4", WEB_ENABLED: "false" },
      }),
    });
    const next = (chat: number, match: RegExp, since: number, timeoutMs = 30_000) =>
      fake!.waitFor((m) => m.chatId === chat && m.seq > since && match.test(m.plainText ?? ""), { timeoutMs });
    const ask = async (from: typeof HA, text: string, match: RegExp) => {
      const since = fake!.deliveredCount;
      fake!.injectMessage({ chat: from.id, from, text });
      return next(from.id, match, since);
    };
    await ask(HA, `/start ${haCode}`, /Kính chào/);
    await ask(AN, `/start ${anCode}`, /Kính chào/);
    await ask(HA, "/thongbao", /Gửi thông báo/);

    // The Word file: 5 MB of XML (refused from the ZIP's directory, before anything is inflated).
    const docx = buildHeavyDocx(5_000_000);
    expect(docx.length).toBeLessThan(150_000);
    let since = fake.deliveredCount;
    fake.injectDocument({ chat: HA.id, from: HA, fileName: "ket-luan-100-trang.docx", bytes: Buffer.from(docx) });
    const docxAnswer = await next(HA.id, /Tệp Word quá dài/, since);
    expect(docxAnswer.plainText).toContain(extractMessagesVi.docxTooLarge);

    // The PDF: its one page needs more time than the worker is given. An asks for help meanwhile.
    since = fake.deliveredCount;
    fake.injectDocument({ chat: HA.id, from: HA, fileName: "bao-cao.pdf", bytes: Buffer.from(buildHeavyPdf(170)) });
    await service.waitForLog((l) => l.msg === "reading a document in the worker", 20_000);
    const anSince = fake.deliveredCount;
    fake.injectMessage({ chat: AN.id, from: AN, text: "/trogiup" });
    const help: SentMessageRecord = await next(AN.id, /baocao/, anSince);
    const pdfAnswer = await next(HA.id, /không đọc được tệp này/, since);
    expect(pdfAnswer.plainText).toContain(extractMessagesVi.unreadable);
    // An was answered while the PDF was still being read, not after it.
    expect(help.seq).toBeLessThan(pdfAnswer.seq);

    // The office's conversation goes on: pasting the text works.
    await ask(HA, "Thông báo kết luận của Thường trực HĐND về công tác tiếp công dân.", /Đã nhận/);
    expect(service.alive).toBe(true);
    expect(service.linesWith("document worker gave up")).toHaveLength(1);
    expect(fake.stats().badRequests).toBe(0);
    await service.stop();
  }, 90_000);
});
