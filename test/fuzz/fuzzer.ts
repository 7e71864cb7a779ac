/**
 * A seeded fuzzer against the real app (real SQLite, real telegraf over HTTP, the fake Bot API): random
 * Vietnamese and Unicode text, HTML-ish text, 5,000-20,000-character messages, odd files, forged, copied
 * and mutated buttons, whole flows with random content, and faults from the fake (5xx, resets). People:
 * an office clerk, a standing-committee member, two vice-chairs of different communes, a stranger.
 *
 * After every step the update must be handled (marked processed); at the end, invariants:
 *   - no "internal error" apology (a handler that threw), no stack-trace-like text in any message;
 *   - every private message and every button press was answered;
 *   - the fake refused nothing (HTML, lengths, lone surrogates, button data);
 *   - SQLite's integrity and foreign-key checks pass;
 *   - nobody did more than their role allows (notices and tasks by the office, reports by a unit's own
 *     members for their unit, issue changes by the standing committee or office, groups registered by the office).
 *
 * `npm run fuzz -- --n 1000 --seed 7` runs it from the command line; test/fuzz/fuzz.test.ts runs a short,
 * fixed-seed run in CI.
 */
import { E2E, buttons, person, type Person } from "../helpers/e2e.js";
import type { SentMessageRecord } from "../fakes/telegram-bot-api/index.js";
import { TINY_PNG } from "../fakes/telegram-bot-api/index.js";
import { buildDocx, buildPdf } from "../notice-parsing/fixture-builders.js";

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Rng = ReturnType<typeof prng>;

const WORDS =
  "Ủy ban nhân dân xã phường báo cáo kết quả thực hiện nhiệm vụ trước ngày tháng năm Thường trực HĐND đồng chí đề nghị khẩn bồi thường giải phóng mặt bằng thôn tổ dân phố đã nhận không phát sinh hạn chậm nhất".split(
    " ",
  );
const ODD = [
  "😀",
  "👨‍👩‍👧",
  "🇻🇳",
  "e\u0302\u0301",
  "\u200b",
  "\u200d",
  "\u202e",
  "ـــ",
  "עברית",
  "中文",
  "\ufeff",
  "\u0000",
  "\t",
  "\r\n",
  "  ",
  "𝕏",
  "ﷺ",
  "Ω",
  "ß",
];
const HTMLISH = [
  "<b>",
  "</b>",
  "<i>x</i>",
  "<a href='javascript:1'>",
  "&amp;",
  "&",
  "&lt;",
  "<",
  ">",
  '"',
  "<script>",
  "</pre>",
  "&#0;",
  "&#xD800;",
  "<tg-spoiler>",
];

export function randomText(r: Rng, length?: number): string {
  const target = length ?? r.pick([1, 5, 20, 80, 300, 1200]);
  let s = "";
  while (s.length < target) {
    const k = r.next();
    s += k < 0.6 ? r.pick(WORDS) : k < 0.8 ? r.pick(ODD) : k < 0.93 ? r.pick(HTMLISH) : String(r.int(0, 99999));
    s += r.chance(0.85) ? " " : r.pick(["\n", "\n\n", ", ", ". ", ""]);
  }
  return s;
}

const COMMANDS = [
  "/baocao",
  "/vande",
  "/thongbao",
  "/hanmoi",
  "/nhiemvu",
  "/tonghop",
  "/hanbaocao",
  "/thongbao_tinhtrang",
  "/trogiup",
  "/huy",
  "/dangky",
  "/web",
  "/bosung",
  "/start",
  "/report",
  "/khongcolenh",
];
const FORGED = ["is:ack:", "is:asg:", "is:res:", "is:to:1:", "nt:ack:", "nt:st:", "f:", "dg:", "zz:", ""];

export interface FuzzOptions {
  n: number;
  seed: number;
  /** inject 5xx and connection resets from the fake */
  faults?: boolean;
  log?: (line: string) => void;
}

export interface FuzzReport {
  steps: number;
  updates: number;
  byAction: Record<string, number>;
  problems: string[];
  messagesSent: number;
  seconds: number;
}

const STANDING = -1007700000001;
const UNIT_GROUP = -1007700000002;
const OTHER_GROUP = -1007700000003; // registered to another commune
const STRANGE_GROUP = -1007700000004; // not registered

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const r = prng(o.seed);
  const e = await E2E.start({
    now: "2022-05-23T02:00:00Z",
    env: { OUTBOX_MAX_ATTEMPTS: "100" },
    fake: o.faults ? { faults: { seed: o.seed, serverErrorRate: 0.03, resetRate: 0.01 } } : {},
  });
  const problems: string[] = [];
  const byAction: Record<string, number> = {};
  let updates = 0;
  try {
    await e.registerGroup(STANDING, "standing");
    await e.registerGroup(UNIT_GROUP, "unit", "PHO_AN");
    await e.registerGroup(OTHER_GROUP, "unit", "PHO_PHONG");
    const office = person(7701, "Hà", "Lê");
    const standing = person(7702, "Lan", "Phạm");
    const an = person(7703, "An", "Nguyễn");
    const mai = person(7704, "Mai", "Huỳnh");
    const stranger = person(7705, "Lạ", "Người");
    await e.link(office, "office", null, "Lê Thị Hà");
    await e.link(standing, "standing", null, "Phạm Thị Lan");
    await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await e.link(mai, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai");
    const people: Person[] = [office, standing, an, mai, stranger];
    const groups = [STANDING, UNIT_GROUP, OTHER_GROUP, STRANGE_GROUP];
    const seen = new Set<number>();

    /** Waits until the app marked the update handled (or gives up and records it). */
    const handled = async (updateId: number, what: string) => {
      // 0: the fake did not deliver it (Telegram's privacy mode hides a group's plain messages from bots)
      if (!updateId) return;
      updates++;
      const key = `tg:u${updateId}`;
      const until = Date.now() + 20_000;
      while (!(await e.db.prisma.processedEvent.findUnique({ where: { key } }))) {
        if (Date.now() > until) {
          problems.push(`update ${updateId} (${what}) was never marked handled`);
          return;
        }
        await new Promise((res) => setTimeout(res, 15));
      }
    };
    const lastFor = (chat: number): SentMessageRecord | undefined => e.fake.lastMessageTo(chat);
    /** The latest of the last few messages to a chat that has buttons (a flow's current step, usually). */
    const withButtons = (chat: number): SentMessageRecord | undefined =>
      e.fake
        .messagesTo(chat)
        .slice(-4)
        .reverse()
        .find((m) => buttons(m).some((b) => b.callback_data));

    for (let step = 0; step < o.n; step++) {
      const who = r.pick(people);
      const inGroup = r.chance(0.15);
      const chat = inGroup ? r.pick(groups) : who.id;
      const k = r.next();
      let action: string;
      let updateId: number;
      if (k < 0.35) {
        // press a button the bot sent (a flow going on with random choices), sometimes someone else's
        const target = withButtons(r.chance(0.85) ? chat : r.pick(people).id);
        const choices = target ? buttons(target).filter((b) => b.callback_data) : [];
        if (target && choices.length > 0) {
          action = "press";
          const press = e.fake.injectCallback({
            from: who,
            chat: target.chatId,
            messageId: target.messageId,
            data: r.pick(choices).callback_data!,
          });
          updateId = press.updateId;
          await handled(updateId, action);
          const answered = await press.waitForAnswer().catch(() => null);
          if (!answered) problems.push(`button press ${updateId} was never answered`);
          byAction[action] = (byAction[action] ?? 0) + 1;
          continue;
        }
        action = "command";
        updateId = e.fake.injectMessage({
          chat: inGroup ? { id: chat, type: "supergroup", title: "Nhóm" } : chat,
          from: who,
          text: r.pick(COMMANDS),
        }).updateId;
      } else if (k < 0.5) {
        action = "command";
        const args = r.chance(0.5) ? ` ${r.pick(["1", "1e308", "-1", "99999999999999999999", "0x10", randomText(r, 10)])}` : "";
        updateId = e.fake.injectMessage({
          chat: inGroup ? { id: chat, type: "supergroup", title: "Nhóm" } : chat,
          from: who,
          text: `${r.pick(COMMANDS)}${args}`,
        }).updateId;
      } else if (k < 0.75) {
        action = r.chance(0.1) ? "long-text" : "text";
        const text = action === "long-text" ? randomText(r, r.int(5_000, 20_000)) : randomText(r);
        updateId = e.fake.injectMessage({
          chat: inGroup ? { id: chat, type: "supergroup", title: "Nhóm" } : chat,
          from: who,
          text: text.trim() || ".",
        }).updateId;
      } else if (k < 0.85) {
        action = "forged-button";
        const target = lastFor(who.id) ?? lastFor(chat);
        if (!target) continue;
        const data = r.chance(0.2)
          ? randomText(r, r.int(1, 60)).slice(0, 60)
          : `${r.pick(FORGED)}${r.pick(["1", "2", "999999", "1e308", "-5", "abc", ""])}`;
        const press = e.fake.injectCallback({ from: who, chat: target.chatId, messageId: target.messageId, data: data || "x" });
        updateId = press.updateId;
        await handled(updateId, action);
        if (!(await press.waitForAnswer().catch(() => null))) problems.push(`forged press ${updateId} (${data}) was never answered`);
        byAction[action] = (byAction[action] ?? 0) + 1;
        continue;
      } else if (k < 0.95) {
        action = "file";
        const kind = r.int(0, 5);
        const [fileName, bytes] =
          kind === 0
            ? ["bao-cao.docx", buildDocx([randomText(r, 200), randomText(r, 100)])]
            : kind === 1
              ? ["thong-bao.pdf", buildPdf([[randomText(r, 60).replace(/[^\p{L}\p{N} .,]/gu, "")]])]
              : kind === 2
                ? ["anh.pdf", TINY_PNG]
                : kind === 3
                  ? ["rong.txt", new Uint8Array()]
                  : kind === 4
                    ? ["virus.exe", new Uint8Array(Array.from({ length: 300 }, () => r.int(0, 255)))]
                    : [`${randomText(r, 30)}.docx`, new Uint8Array(Array.from({ length: 200 }, () => r.int(0, 255)))];
        updateId = e.fake.injectDocument({
          chat,
          from: who,
          fileName,
          bytes: Buffer.from(bytes),
          ...(r.chance(0.3) ? { caption: randomText(r, 40) } : {}),
        }).updateId;
      } else {
        action = "photo";
        updateId = e.fake.injectPhoto({
          chat,
          from: who,
          bytes: Buffer.from(TINY_PNG),
          ...(r.chance(0.5) ? { caption: randomText(r, 30) } : {}),
        }).updateId;
      }
      byAction[action] = (byAction[action] ?? 0) + 1;
      await handled(updateId, action);
      if (!inGroup) seen.add(who.id);
      if (step % 50 === 49) o.log?.(`${step + 1}/${o.n} steps, ${e.fake.deliveredCount} messages sent`);
    }
    await e.drain();

    // every private chat that wrote got at least one answer
    for (const id of seen) if (e.fake.messagesTo(id).length === 0) problems.push(`person ${id} was never answered`);
    const all = e.fake.allMessages();
    for (const m of all) {
      const text = `${m.plainText ?? ""}${m.plainCaption ?? ""}`;
      if (/hệ thống gặp sự cố/.test(text)) problems.push(`an "internal error" apology was sent to ${m.chatId} (a handler threw)`);
      if (/\bat [\w.<>]+ \(|\.ts:\d+:\d+|TypeError|ReferenceError|PrismaClient|\[object Object\]|\bundefined\b|\bNaN\b/.test(text))
        problems.push(`message ${m.seq} to ${m.chatId} looks like a leak: ${text.slice(0, 200)}`);
    }
    const stats = e.fake.stats();
    if (stats.badRequests > 0) problems.push(`the fake refused ${stats.badRequests} calls as bad requests`);
    problems.push(...(await integrityProblems(e)), ...(await roleProblems(e)));
    const failed = await e.db.prisma.outboxMessage.findMany({
      where: { status: "failed" },
      select: { idempotencyKey: true, lastError: true },
    });
    for (const f of failed) problems.push(`outbox entry ${f.idempotencyKey} failed: ${f.lastError}`);
    return { steps: o.n, updates, byAction, problems, messagesSent: all.length, seconds: (Date.now() - started) / 1000 };
  } finally {
    await e.close();
  }
}

async function integrityProblems(e: E2E): Promise<string[]> {
  const out: string[] = [];
  // SQLite's own file checks. PostgreSQL enforces foreign keys on every write and has no file-level check to ask.
  if (e.db.engine !== "sqlite") return out;
  const integrity = await e.db.prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
  if (integrity[0]?.integrity_check !== "ok") out.push(`integrity_check: ${JSON.stringify(integrity)}`);
  const fk = await e.db.prisma.$queryRawUnsafe<unknown[]>("PRAGMA foreign_key_check");
  if (fk.length > 0) out.push(`foreign_key_check: ${JSON.stringify(fk).slice(0, 300)}`);
  return out;
}

/** Nobody did what their role does not allow, read from what ended up in the database. */
async function roleProblems(e: E2E): Promise<string[]> {
  const out: string[] = [];
  const p = e.db.prisma;
  const roleOf = new Map((await p.member.findMany()).map((m) => [m.id, m]));
  for (const n of await p.notice.findMany())
    if (n.authorMemberId !== null && !["office", "admin"].includes(roleOf.get(n.authorMemberId)?.role ?? ""))
      out.push(`notice ${n.id} published by a ${roleOf.get(n.authorMemberId)?.role}`);
  for (const t of await p.reportTask.findMany())
    if (t.createdById !== null && !["office", "admin"].includes(roleOf.get(t.createdById)?.role ?? ""))
      out.push(`task ${t.id} created by a ${roleOf.get(t.createdById)?.role}`);
  for (const s of await p.submission.findMany()) {
    const m = roleOf.get(s.memberId);
    if (!m || !["vice_chair", "delegate", "committee", "admin"].includes(m.role) || (m.role !== "admin" && m.unitId !== s.unitId))
      out.push(`report ${s.receiptNo} for unit ${s.unitId} sent by a ${m?.role} of unit ${m?.unitId}`);
  }
  for (const ev of await p.issueEvent.findMany({ where: { fromStatus: { not: null } } }))
    if (ev.actorId !== null && !["standing", "office", "admin"].includes(roleOf.get(ev.actorId)?.role ?? ""))
      out.push(`issue event ${ev.id} by a ${roleOf.get(ev.actorId)?.role}`);
  // groups: registered by the test (actor "test") or by an office member with /dangky
  for (const a of await p.auditLog.findMany({ where: { action: "group.register" } }))
    if (a.actorLabel !== "test" && !["office", "admin"].includes(roleOf.get(a.actorId ?? -1)?.role ?? ""))
      out.push(`group ${a.entityId} registered by ${a.actorLabel} (${roleOf.get(a.actorId ?? -1)?.role ?? "nobody linked"})`);
  return out;
}
