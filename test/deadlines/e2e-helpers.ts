/** The e2e harness plus the scheduler built from the app's parts, and a log of what arrived when. */
import { E2E, person, type Person } from "../helpers/e2e.js";
import { createScheduler, type Scheduler } from "../../src/jobs/scheduler.js";
import { DEMO_UNITS } from "../../src/core/directory/demo-seed.js";
import { silentLogger } from "../../src/logging/logger.js";
import { localDateOf, localTimeOf, atLocal } from "../../src/domain/time/vietnam-time.js";
import type { SentMessageRecord } from "../fakes/telegram-bot-api/index.js";

export const TZ = "Asia/Ho_Chi_Minh";
export const at = (date: string, time = "00:00"): Date => atLocal(date, time, TZ);
export const CODES = DEMO_UNITS.filter((u) => u.kind !== "committee")
  .map((u) => u.code)
  .sort();
export const NAMES = new Map(DEMO_UNITS.map((u) => [u.code, u.name]));
export const STANDING = -1007000000001;
export const groupOf = (code: string): number => -1007000000100 - CODES.indexOf(code);
export const codeOfGroup = (chatId: number): string | undefined => CODES.find((c) => groupOf(c) === chatId);

export const an = person(7101, "An", "Nguyễn"); // vice-chair of PHO_AN
export const mai = person(7102, "Mai", "Huỳnh"); // vice-chair of PHO_PHONG
export const ha = person(7103, "Hà", "Lê"); // office
export const lan = person(7104, "Lan", "Phạm"); // standing committee

export interface Arrival {
  /** Vietnam-local "2022-05-25 08:00" of the app's clock when it arrived */
  when: string;
  chatId: number;
  text: string;
  message: SentMessageRecord;
}

/** The demo council on the real app, with its 15 unit groups, the standing group and four people linked. */
export class CouncilE2E {
  scheduler!: Scheduler;
  readonly arrivals: Arrival[] = [];
  private seen = 0;

  private constructor(readonly e: E2E) {}

  static async start(now: Date, env: Record<string, string> = { QUIET_WEEKENDS: "none" }): Promise<CouncilE2E> {
    // By default every day may carry reminders (the schedule these scenarios were written for); pass {} for
    // the configured defaults (no reminders on Sundays and holidays).
    const e = await E2E.start({ now: now.toISOString(), env });
    // The council was set up at the test's "now" (the seed ran on the real clock).
    await e.db.prisma.council.update({ where: { id: e.councilId }, data: { createdAt: now } });
    const c = new CouncilE2E(e);
    await e.registerGroup(STANDING, "standing", null, "Thường trực HĐND thị xã");
    for (const code of CODES) await e.registerGroup(groupOf(code), "unit", code, `HĐND ${NAMES.get(code)}`);
    await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await e.link(mai, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai");
    await e.link(ha, "office", null, "Lê Thị Thu Hà");
    await e.link(lan, "standing", null, "Phạm Thị Lan");
    c.buildScheduler();
    c.seen = e.fake.deliveredCount;
    return c;
  }

  /** The scheduler of the current app instance (rebuilt after a restart, as a new process would). */
  buildScheduler(): void {
    const { app, config, clock } = this.e;
    this.scheduler = createScheduler({
      db: app.db,
      config,
      logger: silentLogger(),
      clock,
      notifyOutbox: app.services.notifyOutbox,
      platforms: app.services.platforms,
      ...(app.services.flows ? { flows: app.services.flows } : {}),
    });
  }

  async restart(): Promise<void> {
    this.scheduler.stop();
    await this.e.restart();
    this.buildScheduler();
  }

  /** Moves the clock, runs the jobs once, waits until everything queued was delivered, and logs the arrivals. */
  async tickAt(when: Date): Promise<Arrival[]> {
    this.e.clock.set(when);
    await this.scheduler.tickNow();
    await this.e.drain();
    return this.collect();
  }

  /** Records the messages delivered since the last look, stamped with the app's clock. */
  collect(): Arrival[] {
    const now = this.e.clock.now();
    const stamp = `${localDateOf(now, TZ)} ${localTimeOf(now, TZ)}`;
    const fresh = this.e.fake.allMessages().filter((m) => m.seq > this.seen);
    if (fresh.length > 0) this.seen = Math.max(...fresh.map((m) => m.seq));
    const out = fresh.map((m) => ({ when: stamp, chatId: m.chatId, text: m.plainText ?? m.plainCaption ?? "", message: m }));
    this.arrivals.push(...out);
    return out;
  }

  /** A vice-chair submits a report for the first listed task through /baocao, as on a phone. */
  async submitViaChat(who: Person, taskTitle: RegExp, body: string): Promise<string> {
    const { e } = this;
    const list = await e.ask(who, "/baocao", /chọn yêu cầu báo cáo/);
    await e.pressAndWait(who, list, taskTitle, /Gửi xong, bấm Xem lại/);
    const got = await e.ask(who, body, /1 đoạn văn bản/);
    const preview = await e.pressAndWait(who, got, "Xem lại", /XEM LẠI BÁO CÁO/);
    const receipt = await e.pressAndWait(who, preview, "Gửi", /Đã nhận báo cáo số/);
    await e.drain();
    this.collect();
    return receipt.plainText ?? "";
  }

  /** Arrivals in a chat: "2022-05-25 08:00 NHẮC HẠN NỘP BÁO CÁO" (first line of each message). */
  timeline(chatId: number, match?: RegExp): string[] {
    return this.arrivals
      .filter((a) => a.chatId === chatId && (!match || match.test(a.text)))
      .map((a) => `${a.when} ${a.text.split("\n")[0]}`);
  }

  close(): Promise<void> {
    this.scheduler?.stop();
    return this.e.close();
  }
}
