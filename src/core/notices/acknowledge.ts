/**
 * "Đã nhận": a member acknowledges a notice, by the button, by replying "đã nhận" or reacting (as the
 * platform allows). Recorded once per member, with their own unit and the chat; where the platform can edit
 * the button, its label shows the count.
 *
 * A unit has acknowledged when one of its own members has. A press in a unit's group by someone who is not
 * that unit's member (the office clerk, another unit's vice-chair) is recorded as theirs, marked "outsider",
 * shown apart, and counts for no unit: not the group's (it was not them), not the presser's (they acknowledged
 * in a group that is not theirs, which says nothing about their own group having seen it).
 */
import type { Tx } from "../../db/client.js";
import { countAcksInChat, findDeliveryByChat, findNotice, recordAck } from "../../db/notices.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import { capabilitiesOf, showsAckCount } from "../../messaging/platform.js";
import type { Actor } from "../actor.js";
import { ackChoice, noticeMessageKey } from "./publish.js";

/** "outsider": recorded as the presser's own, not counted for the group's unit. */
export type AckResult = "recorded" | "outsider" | "already" | "recalled" | "unknown_notice";

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
  if (notice.recalledAt) return "recalled";
  const delivery = await findDeliveryByChat(tx, notice.id, input.chatId);
  const outsider = delivery?.unitId != null && input.actor.unitId !== delivery.unitId;
  const recorded = await recordAck(tx, {
    noticeId: notice.id,
    memberId: input.actor.memberId,
    unitId: input.actor.unitId ?? null,
    chatId: input.chatId,
    platform: input.platform,
    via: input.via,
    outsider,
    now: input.now,
  });
  if (recorded === "exists") return "already";
  if (outsider) return "outsider";
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
