/** The check the crash and fault tests (and the benchmark) rely on: it must see every way a broadcast can go wrong. */
import { describe, expect, it } from "vitest";
import { verifyDeliveries, percentile, type DeliveredRecord } from "../../scripts/bench/verify.js";
import type { ExpectedPart } from "../../scripts/bench/setup.js";

const part = (chatId: string, index: number, hash: string, status = "sent", lastError: string | null = null): ExpectedPart => ({
  outboxId: Number(chatId.slice(1)) * 10 + index,
  chatId,
  index,
  kind: "text",
  hash,
  status,
  lastError,
  attempts: 1,
  payload: { kind: "text", text: hash },
});
const expected = [
  part("-1", 0, "a"),
  part("-1", 1, "b"),
  part("-1", 2, "doc"),
  part("-2", 0, "a"),
  part("-2", 1, "b"),
  part("-2", 2, "doc"),
];
let seq = 0;
const rec = (chatId: string, hash: string): DeliveredRecord => ({ seq: ++seq, chatId, method: "sendMessage", at: 1000 + seq, hash });
const clean = () => [rec("-1", "a"), rec("-2", "a"), rec("-1", "b"), rec("-1", "doc"), rec("-2", "b"), rec("-2", "doc")];

describe("verifyDeliveries", () => {
  it("accepts a clean broadcast", () => {
    const v = verifyDeliveries(expected, clean());
    expect(v).toMatchObject({ delivered: 6, lost: [], duplicates: [], duplicatedCount: 0, unexpected: [], inOrder: true });
    expect(v.firstDeliveryAt).toHaveLength(6);
  });

  it("finds a lost part", () => {
    const v = verifyDeliveries(
      expected,
      clean().filter((r) => !(r.chatId === "-2" && r.hash === "b")),
    );
    expect(v.lost.map((p) => `${p.chatId}#${p.index}`)).toEqual(["-2#1"]);
  });

  it("finds a duplicate and names its outbox entry", () => {
    const log = clean();
    log.splice(3, 0, rec("-1", "b"));
    const v = verifyDeliveries(expected, log);
    expect(v.duplicates).toEqual([{ chatId: "-1", index: 1, outboxId: 11, copies: 2 }]);
    expect(v.duplicatedCount).toBe(1);
    expect(v.inOrder).toBe(true);
  });

  it("finds parts out of order", () => {
    const v = verifyDeliveries(expected, [
      rec("-1", "b"),
      rec("-1", "a"),
      rec("-1", "doc"),
      rec("-2", "a"),
      rec("-2", "b"),
      rec("-2", "doc"),
    ]);
    expect(v.inOrder).toBe(false);
    expect(v.outOfOrderChats).toEqual(["-1"]);
  });

  it("finds a message nobody asked for, and ignores other chats", () => {
    const v = verifyDeliveries(expected, [...clean(), rec("-1", "zzz"), rec("-99", "a")]);
    expect(v.unexpected.map((r) => r.hash)).toEqual(["zzz"]);
  });

  it("counts a chat that is gone as undeliverable, not lost; without outbox status everything missing is lost", () => {
    const withGone = [
      ...expected.slice(0, 3),
      part("-2", 0, "a", "failed", "chat_gone: 403 Forbidden"),
      part("-2", 1, "b", "failed", "chat_gone: 403 Forbidden"),
      part("-2", 2, "doc", "failed", "chat_gone: 403 Forbidden"),
    ];
    const log = clean().filter((r) => r.chatId === "-1");
    expect(verifyDeliveries(withGone, log)).toMatchObject({ delivered: 3, lost: [] });
    expect(verifyDeliveries(withGone, log).undeliverable).toHaveLength(3);
    expect(verifyDeliveries(withGone, log, false).lost).toHaveLength(3);
    // A part that failed for another reason and never arrived is lost.
    const gaveUp = [...expected.slice(0, 2), part("-1", 2, "doc", "failed", "gave up after 8 attempts: 502 Bad Gateway")];
    expect(
      verifyDeliveries(
        gaveUp,
        clean().filter((r) => r.hash !== "doc"),
      ).lost,
    ).toHaveLength(1);
  });

  it("computes percentiles by rank", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 95), percentile(xs, 99)]).toEqual([50, 95, 99]);
  });
});
