/**
 * "Đã nhận": a member acknowledges a notice, by the button, by replying "đã nhận" or reacting (as the
 * platform allows). Recorded once per member, with their unit and the chat; where the platform can edit
 * the button, its label shows the count.
 */
import type { Tx } from "../../db/client.js";
import { countAcksInChat, findDeliveryByChat, findNotice, recordAck } from "../../db/notices.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import { capabilitiesOf, showsAckCount } from "../../messaging/platform.js";
import type { Actor } from "../actor.js";
import { ackChoice, noticeMessageKey } from "./publish.js";

export type AckResult = "recorded" | "already" | "unknown_notice";

export async function acknowledge(
  tx: Tx,
  input: {
    noticeId: number;
    actor: Actor;
    chatId: number;
    platform: string;
    via: "button" | "reply" | "reaction";
    now: Date;
    eventKey: string;
  },
): Promise<AckResult> {
  const notice = await findNotice(tx, input.noticeId);
  if (!notice || notice.councilId !== input.actor.councilId) return "unknown_notice";
  const delivery = await findDeliveryByChat(tx, notice.id, input.chatId);
  const recorded = await recordAck(tx, {
    noticeId: notice.id,
    memberId: input.actor.memberId,
    unitId: input.actor.unitId ?? delivery?.unitId ?? null,
    chatId: input.chatId,
    platform: input.platform,
    via: input.via,
    now: input.now,
  });
  if (!recorded) return "already";
  // Where the button's counter can be updated, it is; elsewhere the adapter's own way tells the member.
  if (delivery && showsAckCount(capabilitiesOf(input.platform))) {
    const count = await countAcksInChat(tx, notice.id, input.chatId);
    const target = noticeMessageKey(notice.id, input.chatId);
    await enqueue(tx, {
      key: `${input.eventKey}:ack-count`,
      chatId: input.chatId,
      message: { kind: "edit", targetKey: target, choices: ackChoice(notice.id, count) },
      coalesceKey: `edit:${target}`,
      priority: PRIORITY.interactive,
    });
  }
  return "recorded";
}
