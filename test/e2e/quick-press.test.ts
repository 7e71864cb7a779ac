/**
 * Issue 12, item 1: a person types a line and presses "Xem lại" at once, on the prompt already on screen,
 * before the bot's answer to the line has appeared. Both updates reach the bot in one batch; the press must
 * be taken (same step, same buttons), and the review must include the line just typed.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { createTask } from "../../src/db/tasks.js";
import { findUnitByCode } from "../../src/db/units.js";

const an = person(6101, "An", "Nguyễn");
let e: E2E;

beforeEach(async () => {
  e = await E2E.start({ now: "2022-05-23T02:00:00Z" });
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
  const unit = (await findUnitByCode(e.db.prisma, e.councilId, "PHO_AN"))!;
  await e.db.transaction((tx) =>
    createTask(tx, {
      councilId: e.councilId,
      title: "Báo cáo tình hình tháng 5",
      description: null,
      dueAt: new Date("2022-05-31T10:00:00Z"),
      dueRule: null,
      noticeId: null,
      scheduleJson: null,
      createdById: null,
      createdByLabel: "test",
      createdAt: e.clock.now(),
      unitIds: [unit.id],
    }),
  );
});
afterEach(() => e.close());

describe("a button pressed the moment it appears", () => {
  it("is taken when pressed right after typing, 30 rounds in a row", async () => {
    for (let round = 1; round <= 30; round++) {
      const list = await e.ask(an, "/baocao", /chọn yêu cầu báo cáo/);
      const prompt = await e.pressAndWait(an, list, /tháng 5/, /Gửi xong, bấm Xem lại/);
      expect(buttons(prompt).map((b) => b.text)).toContain("Xem lại");
      const since = e.fake.deliveredCount;
      // No wait between the line and the press: the press uses the prompt already on screen.
      e.say(an, `Dòng báo cáo số ${round}.`);
      const press = await e.press(an, prompt, "Xem lại");
      const answer = await press.waitForAnswer();
      expect(answer.text ?? "", `round ${round}`).not.toMatch(/cũ/);
      const review = await e.next(an.id, /XEM LẠI BÁO CÁO/, since);
      expect(review.plainText).toContain(`Dòng báo cáo số ${round}.`);
      await e.pressAndWait(an, review, "Hủy", /Đã hủy/);
    }
  }, 120_000);

  it("still refuses a button from a step the flow has left", async () => {
    const list = await e.ask(an, "/baocao", /chọn yêu cầu báo cáo/);
    const prompt = await e.pressAndWait(an, list, /tháng 5/, /Gửi xong, bấm Xem lại/);
    const got = await e.ask(an, "Một dòng.", /1 đoạn văn bản/);
    const review = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI BÁO CÁO/);
    // The content prompt's "Xem lại" belongs to a step the flow has left.
    const old = await e.press(an, prompt, "Xem lại");
    expect((await old.waitForAnswer()).text).toMatch(/cũ/);
    const old2 = await e.press(an, list, /tháng 5/);
    expect((await old2.waitForAnswer()).text).toMatch(/cũ/);
    expect(buttons(review).map((b) => b.text)).toContain("Gửi");
  });
});
