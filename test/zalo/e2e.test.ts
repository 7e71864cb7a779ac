/**
 * End to end on Zalo: the real dispatcher, commands, flows and outbox on a real SQLite file; only the
 * zca-js session is the typed fake. People send real zca-js UserMessage / GroupMessage objects; the test
 * reads what the bot sent through the fake.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { loadConfig } from "../../src/config.js";
import { serverSecret } from "../../src/files/server-secret.js";
import { silentLogger } from "../../src/logging/logger.js";
import { FixedClock, systemClock } from "../../src/domain/time/clock.js";
import type { BotServices, PlatformInfo } from "../../src/bot/context.js";
import { CommandRegistry } from "../../src/bot/commands.js";
import { ActionRegistry } from "../../src/bot/actions.js";
import { Dispatcher } from "../../src/bot/dispatcher.js";
import { FlowEngine } from "../../src/flows/engine.js";
import { OutcomeHooks } from "../../src/delivery/outcome-hooks.js";
import { OutboxSender } from "../../src/delivery/sender.js";
import { registerNoticeHooks } from "../../src/core/notices/delivery-hooks.js";
import { ACTIONS, FLOWS, GROUP_TEXT_HOOKS } from "../../src/app.js";
import { COMMANDS } from "../../commands/index.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { createInvite } from "../../src/core/invites.js";
import { createZaloPlatform, type ZaloAdapter } from "../../src/platforms/zalo/index.js";
import { writeCredentials } from "../../src/platforms/zalo/credentials.js";
import { zaloSessionAlerts } from "../../src/platforms/zalo/session-alert.js";
import { zalo as zaloTexts } from "../../src/i18n/vi/zalo.js";
import { common } from "../../src/i18n/vi/common.js";
import { addGroup } from "../../src/core/directory/groups.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { createTask } from "../../src/db/tasks.js";
import { findUnitByCode } from "../../src/db/units.js";
import { FakeZaloApi, groupMessage, quoteOf, reactionTo, userMessage, type PersonZ } from "./fake-zalo.js";

const an: PersonZ = { id: "2220001", name: "Nguyễn Văn An" };
const ha: PersonZ = { id: "2220002", name: "Lê Thị Hà" };
const mai: PersonZ = { id: "2220003", name: "Huỳnh Thị Mai" };
const huy: PersonZ = { id: "2220004", name: "Đặng Quốc Huy" };
const GROUP_A = "6660001";
const GROUP_B = "6660002";

let t: TestDatabase;
let api: FakeZaloApi;
let adapter: ZaloAdapter;
let outbox: OutboxSender;
let councilId: number;
let services: BotServices;
let dispatcher: Dispatcher;
/** A Zalo adapter on the same fake session, database and outbox (a restart builds a new one). */
let newAdapter: () => ZaloAdapter;
let newOutbox: (sender: ZaloAdapter["sender"]) => Promise<OutboxSender>;
const clock = new FixedClock("2022-05-23T02:00:00Z");

/** Tests whose name says "group gap" run with a group gap long enough to measure (generous lower bounds only: before the fix, answers came 50 ms apart). */
const MEASURED_GROUP_GAP_MS = 250;

beforeEach(async (test) => {
  const measured = test.task.name.includes("group gap");
  t = await createTestDatabase();
  const credentialsFile = path.join(t.dir, "zalo-credentials.json");
  const config = loadConfig(
    {
      DATABASE_URL: t.url,
      DATA_DIR: t.dir,
      ZALO_ENABLED: "true",
      ZALO_CREDENTIALS_FILE: credentialsFile,
      ZALO_SEND_GAP_MS: "5",
      ZALO_GROUP_GAP_MS: measured ? String(MEASURED_GROUP_GAP_MS) : "10",
      LOG_LEVEL: "silent",
    },
    t.dir,
  );
  await writeCredentials(credentialsFile, { imei: "imei", userAgent: "UA", cookie: [{ key: "zpw_sek", value: "v" }] });
  const logger = silentLogger();
  const platforms: Record<string, PlatformInfo> = {};
  const senders: OutboxSender[] = [];
  services = {
    db: t.db,
    config,
    logger,
    clock,
    platforms,
    notifyOutbox: () => {
      for (const s of senders) s.notify();
    },
  };
  const commands = new CommandRegistry(COMMANDS);
  const flows = new FlowEngine(FLOWS);
  services.commands = commands;
  services.flows = flows;
  dispatcher = new Dispatcher({
    services,
    commands,
    flows,
    actions: new ActionRegistry(ACTIONS),
    groupTextHooks: [...GROUP_TEXT_HOOKS],
  });
  const hooks = new OutcomeHooks();
  registerNoticeHooks(hooks);

  api = new FakeZaloApi();
  api.groups = {
    [GROUP_A]: { groupId: GROUP_A, name: "HĐND xã Phổ An", totalMember: 12 },
    [GROUP_B]: { groupId: GROUP_B, name: "Thường trực HĐND thị xã", totalMember: 5 },
  };
  newAdapter = () =>
    createZaloPlatform({
      config,
      db: t.db,
      clock,
      logger,
      notifyOutbox: services.notifyOutbox,
      overrides: { connect: async () => api, every: () => () => undefined },
    });
  adapter = newAdapter();
  platforms.zalo = adapter.info;
  newOutbox = async (sender) => {
    const o = new OutboxSender({
      db: t.db,
      sender,
      hooks,
      logger,
      clock: systemClock,
      dataDir: t.dir,
      maxAttempts: 3,
      concurrency: 1,
      pollIntervalMs: 20,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    senders.splice(0, senders.length, o);
    await o.start();
    return o;
  };
  outbox = await newOutbox(adapter.sender);
  await adapter.start(dispatcher);
  councilId = (await seedDemo(t.db, config.timezone, "test")).councilId;
});

afterEach(async () => {
  await adapter.stop();
  await outbox.stop();
  await t.cleanup();
});

async function link(person: PersonZ, role: string, unitCode: string | null, fullName: string) {
  const invite = await createInvite(t.db, {
    councilId,
    role,
    unitCode,
    fullName,
    ttlDays: 7,
    now: clock.now(),
    actorLabel: "test",
    secret: serverSecret(services.config),
  });
  if (!invite.ok) throw new Error(invite.reason);
  api.emitMessage(userMessage(person, `/start ${invite.code}`));
  return api.waitForSent(person.id, /Kính chào/);
}

/** What the bot said in a chat after the notice: messages (and, where it reacts, reactions), in order. */
function answersIn(threadId: string): { at: number }[] {
  return [
    ...api.sent.filter((x) => x.threadId === threadId && !/Lịch họp/.test(x.content.msg)),
    ...api.reactions.filter((r) => r.dest.threadId === threadId),
  ].sort((a, b) => a.at - b.at);
}

/** A person writes in a chat; resolves with the bot's next message there that matches. */
async function say(person: PersonZ, text: string, match: RegExp, chat: { group?: string; quote?: Parameters<typeof quoteOf>[0] } = {}) {
  const before = api.sent.length;
  const extra = chat.quote ? { quote: quoteOf(chat.quote) } : {};
  api.emitMessage(chat.group ? groupMessage(chat.group, person, text, extra) : userMessage(person, text, extra));
  const threadId = chat.group ?? person.id;
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = api.sent.slice(before).find((s) => s.threadId === threadId && match.test(s.content.msg));
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `no reply matching ${match} in ${threadId}; got: ${api.sent
          .slice(before)
          .map((s) => s.content.msg.slice(0, 80))
          .join(" | ")}`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("Zalo end to end (real dispatcher, real database, fake zca-js session)", () => {
  it("links a Zalo user with /start CODE and greets them in Vietnamese", async () => {
    const greeting = await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    expect(greeting.type).toBe(0); // ThreadType.User
    expect(greeting.content.msg).toMatch(/Kính chào đồng chí Nguyễn Văn An, Phó Chủ tịch HĐND \(chuyên trách\) – Xã Phổ An/);
    expect(greeting.content.msg).toMatch(/Tài khoản Zalo của đồng chí đã được liên kết/);
    expect(greeting.content.styles?.length).toBeGreaterThan(0); // the name is bold
    const identity = await t.db.prisma.chatIdentity.findFirst({
      where: { platform: "zalo", platformUserId: an.id },
      include: { member: true },
    });
    expect(identity!.member.fullName).toBe("Nguyễn Văn An");
  });

  it("registers a commune's group: /dangky, the numbered purposes, '1', then the unit's name", async () => {
    await link(ha, "office", null, "Lê Thị Hà");
    const purposes = await say(ha, "/dangky", /dùng để làm gì/, { group: GROUP_A });
    expect(purposes.type).toBe(1); // ThreadType.Group
    expect(purposes.content.msg).toContain("“HĐND xã Phổ An”");
    expect(purposes.content.msg).toMatch(
      /\n1\. Nhóm của một xã, phường\n2\. Nhóm thông báo chung cho các đơn vị\n3\. Nhóm Thường trực HĐND\n4\. Nhóm của một Ban HĐND\n/,
    );
    expect(purposes.content.msg.endsWith(zaloTexts.choiceHintTyped())).toBe(true);

    const outOfRange = await say(ha, "9", /Không có lựa chọn số 9/, { group: GROUP_A });
    expect(outOfRange.content.msg).toMatch(/từ 1 đến 5/); // the fifth purpose: the office's group
    const units = await say(ha, "1", /đơn vị nào/, { group: GROUP_A });
    expect(units.content.msg).toMatch(/\n1\. Phường/);
    const done = await say(ha, "Phổ An", /Đã đăng ký nhóm này/, { group: GROUP_A });
    expect(done.content.msg).toMatch(/Đã đăng ký nhóm này là nhóm của xã Phổ An\./);

    const chat = await t.db.prisma.chat.findFirst({ where: { platform: "zalo", externalId: GROUP_A }, include: { unit: true } });
    expect(chat).toMatchObject({ kind: "group", purpose: "unit", active: true, title: "HĐND xã Phổ An" });
    expect(chat!.unit!.code).toBe("PHO_AN");
    // Every numbered list (purposes, purposes again after "9", units) was remembered under the id Zalo gave it.
    const menus = await t.db.prisma.sentMenu.findMany({ where: { platform: "zalo", chatExternalId: GROUP_A }, orderBy: { id: "asc" } });
    expect(menus.map((m) => m.messageId)).toEqual([purposes.msgIds[0], expect.any(String), units.msgIds[0]]);
    expect(JSON.parse(menus[0]!.choicesJson)[0]).toMatchObject({
      label: "Nhóm của một xã, phường",
      data: expect.stringMatching(/^f:.{4}:unit$/),
    });
  });

  it("takes an answer that quotes the menu, and says an old quoted menu is stale", async () => {
    await link(ha, "office", null, "Lê Thị Hà");
    const purposes = await say(ha, "/dangky", /dùng để làm gì/, { group: GROUP_B });
    // The office's own group (the standing committee's needs an admin): number 5 of the quoted list.
    const done = await say(ha, "số 5", /Đã đăng ký nhóm này/, { group: GROUP_B, quote: purposes });
    expect(done.content.msg).toMatch(/Văn phòng HĐND/);
    expect(await t.db.prisma.chat.findFirst({ where: { platform: "zalo", externalId: GROUP_B } })).toMatchObject({
      purpose: "office",
      unitId: null,
    });

    const stale = await say(ha, "2", new RegExp(common.staleButton().slice(0, 20)), { group: GROUP_B, quote: purposes });
    expect(stale.type).toBe(1);
    expect(await t.db.prisma.chat.findFirst({ where: { platform: "zalo", externalId: GROUP_B } })).toMatchObject({ purpose: "office" });
  });

  it("publishes a notice to a Zalo group with a pinned note, and records 'đã nhận', a reaction and a quoted '1' as acknowledgements", async () => {
    await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await link(mai, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai");
    await link(huy, "vice_chair", "NGUYEN_NGHIEM", "Đặng Quốc Huy");
    const added = await addGroup(
      t.db,
      councilId,
      { platform: "zalo", chatId: GROUP_A, purpose: "announce", unitCode: null, title: "Thông báo HĐND" },
      "test",
      clock.now(),
    );
    expect(added.ok).toBe(true);
    const draft = draftFromText(
      "Kết luận của Thường trực HĐND thị xã tại buổi làm việc với các xã, phường.\nĐề nghị các đơn vị báo cáo trước ngày 20/5/2022.",
      services.config.timezone,
      null,
    );
    const published = await t.db.transaction((tx) =>
      publishNotice(tx, {
        councilId,
        draft,
        title: "Kết luận buổi làm việc",
        audience: { kind: "all" },
        pin: true,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now: clock.now(),
      }),
    );
    expect(published.ok).toBe(true);
    const noticeMessage = await api.waitForSent(GROUP_A, /Kết luận buổi làm việc/);
    expect(noticeMessage.content.msg).toMatch(/1\. ✅ Đã nhận/);
    await expect.poll(() => api.notes.length, { timeout: 5000 }).toBe(1);
    expect(api.notes[0]).toMatchObject({ groupId: GROUP_A, pinAct: true });
    await expect.poll(async () => (await t.db.prisma.noticeDelivery.findFirst())?.pinStatus, { timeout: 5000 }).not.toBe("pending");

    // Acknowledged with a reaction to the member's own message, not a message for the whole group.
    const sentBefore = api.sent.length;
    const typed = groupMessage(GROUP_A, an, "Đã nhận");
    api.emitMessage(typed);
    expect(await api.waitForReaction(typed)).toMatchObject({
      icon: "/-strong",
      dest: { data: { msgId: typed.data.msgId, cliMsgId: typed.data.cliMsgId }, threadId: GROUP_A, type: 1 },
    });
    api.listener.emit("reaction", reactionTo(noticeMessage.msgIds[0]!, mai, "/-strong", GROUP_A, true));
    const quoted = groupMessage(GROUP_A, huy, "1", { quote: quoteOf(noticeMessage) });
    api.emitMessage(quoted);
    await api.waitForReaction(quoted);
    // Mai's reaction and Huy's '1' are handled side by side (two people), so their rows come in either order.
    await expect
      .poll(async () => (await t.db.prisma.noticeAck.findMany()).map((a) => `${a.platform}:${a.via}`).sort(), { timeout: 30_000 })
      .toEqual(["zalo:button", "zalo:reaction", "zalo:reply"]);
    expect(api.sent.slice(sentBefore).filter((x) => x.threadId === GROUP_A)).toEqual([]);
  });

  it("queues an alert to the administrators on Telegram when the Zalo session is lost", async () => {
    const alerts = zaloSessionAlerts({ db: t.db, clock, logger: services.logger, adminChatId: "-100777", notifyOutbox: () => undefined });
    await alerts.onSessionLost("Zalo refused the saved session", "rejected");
    const row = await t.db.prisma.outboxMessage.findFirst({
      where: { chat: { platform: "telegram", externalId: "-100777" } },
      include: { chat: true },
    });
    expect(row!.chat.kind).toBe("group");
    expect(JSON.parse(row!.payloadJson).text).toMatch(
      /Tài khoản Zalo của hệ thống đã bị đăng xuất.*Zalo không chấp nhận phiên.*council zalo login/s,
    );
  });

  it("keeps the rest running when another login takes the Zalo account over: Zalo stops, the admins are told, messages wait", async () => {
    await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    const configWithAdmin = { ...services.config, telegram: { ...services.config.telegram, adminChatId: "4242" } };
    const lostApi = new FakeZaloApi();
    const other = createZaloPlatform({
      config: configWithAdmin,
      db: t.db,
      clock,
      logger: services.logger,
      notifyOutbox: () => undefined,
      overrides: { connect: async () => lostApi, every: () => () => undefined },
    });
    await other.start({ handle: async () => ({}) } as never);
    await expect.poll(() => other.state).toBe("connected");
    lostApi.listener.close(3003, "kicked");
    await expect.poll(() => other.state).toBe("session_lost");
    const findAlert = () =>
      t.db.prisma.outboxMessage.findFirst({ where: { chat: { platform: "telegram", externalId: "4242" } }, include: { chat: true } });
    await expect.poll(findAlert).not.toBeNull();
    const alert = await findAlert();
    expect(alert!.chat.kind).toBe("private");
    expect(JSON.parse(alert!.payloadJson).text).toMatch(/đăng nhập ở nơi khác/);
    // Zalo messages written meanwhile wait (rate_limited, not failed) instead of being lost.
    const chat = (await t.db.prisma.chat.findFirst({ where: { platform: "zalo", externalId: an.id } }))!;
    expect(
      await other.sender.send(chat, { kind: "text", text: "x" }, { resolveTarget: async () => null, resolveStoredFile: (p) => p }),
    ).toMatchObject({ ok: false, kind: "rate_limited" });
    // The original session (and the dispatcher, database, outbox) keep working.
    expect((await say(an, "/start", /đã được liên kết/)).threadId).toBe(an.id);
    await other.stop();
  });

  it("answers six members quoting '1' in one group through the outbox, spaced by the group gap", async () => {
    const members: PersonZ[] = Array.from({ length: 6 }, (_, i) => ({ id: `22201${i}`, name: `Đại biểu ${i + 1}` }));
    for (const [i, m] of members.entries())
      await link(m, "vice_chair", ["PHO_AN", "PHO_PHONG", "NGUYEN_NGHIEM", "PHO_MINH", "PHO_VINH", "PHO_NHON"][i]!, m.name);
    await addGroup(
      t.db,
      councilId,
      { platform: "zalo", chatId: GROUP_A, purpose: "announce", unitCode: null, title: "Thông báo HĐND" },
      "test",
      clock.now(),
    );
    const draft = draftFromText("Thông báo lịch họp Thường trực HĐND thị xã.", services.config.timezone, null);
    await t.db.transaction((tx) =>
      publishNotice(tx, {
        councilId,
        draft,
        title: "Lịch họp",
        audience: { kind: "all" },
        pin: false,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now: clock.now(),
      }),
    );
    const notice = await api.waitForSent(GROUP_A, /Lịch họp/);
    const before = answersIn(GROUP_A).length;
    // Everyone answers at once, as people do when a notice appears.
    for (const m of members) api.emitMessage(groupMessage(GROUP_A, m, "1", { quote: quoteOf(notice) }));
    // A wait, not a time limit: six answers a group gap apart take longer under load (and on PostgreSQL).
    await expect.poll(() => answersIn(GROUP_A).length - before, { timeout: 90_000 }).toBe(6);
    const times = answersIn(GROUP_A)
      .slice(before)
      .map((a) => a.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(MEASURED_GROUP_GAP_MS * 0.8);
    expect(await t.db.prisma.noticeAck.count()).toBe(6);
    // Every answer, a reaction to the member's "1", went through the outbox with its idempotency key.
    expect(api.reactions.filter((r) => r.dest.threadId === GROUP_A)).toHaveLength(6);
    expect(await t.db.prisma.outboxMessage.count({ where: { chat: { externalId: GROUP_A }, status: "sent", kind: "text" } })).toBe(7);
  }, 120_000);

  it("after a restart, handles what was said meanwhile (a 'đã nhận' and a /baocao step) once, and nothing twice", async () => {
    await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await link(mai, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai");
    const unit = (await findUnitByCode(t.db.prisma, councilId, "PHO_AN"))!;
    await t.db.transaction((tx) =>
      createTask(tx, {
        councilId,
        title: "Báo cáo vấn đề nổi cộm tháng 5",
        description: null,
        dueAt: new Date("2022-05-31T10:00:00Z"),
        dueRule: null,
        noticeId: null,
        scheduleJson: null,
        createdById: null,
        createdByLabel: "test",
        createdAt: clock.now(),
        unitIds: [unit.id],
      }),
    );
    await addGroup(
      t.db,
      councilId,
      { platform: "zalo", chatId: GROUP_A, purpose: "announce", unitCode: null, title: "Thông báo HĐND" },
      "test",
      clock.now(),
    );
    const draft = draftFromText("Thông báo lịch họp Thường trực HĐND thị xã.", services.config.timezone, null);
    await t.db.transaction((tx) =>
      publishNotice(tx, {
        councilId,
        draft,
        title: "Lịch họp",
        audience: { kind: "all" },
        pin: false,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now: clock.now(),
      }),
    );
    await api.waitForSent(GROUP_A, /Lịch họp/);
    await say(an, "/baocao", /chọn yêu cầu báo cáo/);

    // The service stops; meanwhile Mai acknowledges in the group and An answers the report's first step.
    await adapter.stop();
    await outbox.stop();
    api.emitMessage(groupMessage(GROUP_A, mai, "Dạ, đã nhận TB ạ!"));
    api.emitMessage(userMessage(an, "1"));
    expect(api.sent.filter((x) => /Gửi xong, bấm Xem lại/.test(x.content.msg))).toHaveLength(0);

    const restart = async () => {
      const answered = api.listener.oldMessageAnswers;
      await adapter.stop();
      await outbox.stop();
      adapter = newAdapter();
      outbox = await newOutbox(adapter.sender);
      await adapter.start(dispatcher);
      await expect.poll(() => api.listener.oldMessageAnswers, { timeout: 5000 }).toBe(answered + 2); // private chats and groups
      await adapter.idle();
      await outbox.whenIdle();
    };
    await restart();
    expect(api.listener.oldMessageRequests.map((r) => r.type).slice(-2)).toEqual([0, 1]);
    const acks = await t.db.prisma.noticeAck.findMany({ include: { member: true } });
    expect(acks.map((a) => [a.member.fullName, a.via])).toEqual([["Huỳnh Thị Mai", "reply"]]);
    expect(api.sent.filter((x) => x.threadId === an.id && /Gửi xong, bấm Xem lại/.test(x.content.msg))).toHaveLength(1);
    // "/baocao", handled before the stop, is in Zalo's answer too, and was not handled again.
    expect(api.sent.filter((x) => x.threadId === an.id && /chọn yêu cầu báo cáo/.test(x.content.msg))).toHaveLength(1);

    // Another restart reads the same history again: nothing is handled twice.
    const sentBefore = api.sent.length;
    await restart();
    expect(api.sent.length).toBe(sentBefore);
    expect(await t.db.prisma.noticeAck.count()).toBe(1);
    // And the flow goes on from where the missed message left it.
    await say(an, "Thôn 3 còn 12 hộ chưa nhận tiền bồi thường.", /1 đoạn văn bản/);
  });
});
