/** Per unit: delivered or not (and why not), acknowledged by whom and when. The same data for chat and CLI. */
import type { Db } from "../../db/client.js";
import { acksOf, countCorrections, deliveriesOf, findNotice } from "../../db/notices.js";
import { audienceUnits, type Audience } from "./targets.js";
import { reasonInWords } from "./delivery-hooks.js";

export interface UnitStatus {
  unitCode: string;
  unitName: string;
  state: "acked" | "delivered" | "pending" | "failed" | "no_group";
  chats: {
    platform: string;
    chatId: string;
    title: string | null;
    status: string;
    reason: string | null;
    reasonText: string | null;
    pin: string;
    pinReason: string | null;
  }[];
  acks: { member: string; at: string; via: string; platform: string }[];
}

export interface NoticeStatus {
  notice: {
    id: number;
    title: string;
    number: string | null;
    issuedOn: string | null;
    audience: string;
    publishedAt: string | null;
    fileName: string | null;
    pin: boolean;
    /** thu hồi: when and why, or null */
    recalledAt: string | null;
    recallReason: string | null;
    /** đính chính sent so far */
    corrections: number;
  };
  units: UnitStatus[];
  otherChats: {
    platform: string;
    chatId: string;
    title: string | null;
    purpose: string | null;
    status: string;
    reason: string | null;
    reasonText: string | null;
  }[];
  /**
   * Acknowledgements that count for no unit of the audience: presses in a unit's group by people outside
   * that unit (the office, another unit's members), and by people without a unit. Shown apart.
   */
  otherAcks: OtherAck[];
  totals: { units: number; delivered: number; acked: number; failedChats: number; pendingChats: number };
}

export interface OtherAck {
  member: string;
  role: string;
  /** the presser's own unit, if any */
  memberUnit: string | null;
  /** the group it was pressed in, and that group's unit */
  chatTitle: string | null;
  chatUnit: string | null;
  outsider: boolean;
  at: string;
  via: string;
  platform: string;
}

/**
 * @param councilId the council of whoever asks: a notice of another council is "not found" (several councils
 *   may share one database). Only tests leave it out.
 */
export async function noticeStatus(db: Db, noticeId: number, councilId?: number): Promise<NoticeStatus | null> {
  if (!Number.isSafeInteger(noticeId) || noticeId < 1 || noticeId > 2_147_483_647) return null;
  const notice = await findNotice(db, noticeId);
  if (!notice || (councilId !== undefined && notice.councilId !== councilId)) return null;
  const audience: Audience =
    notice.audience === "units"
      ? { kind: "units", unitIds: JSON.parse(notice.audienceJson) as number[] }
      : notice.audience === "standing"
        ? { kind: "standing" }
        : { kind: "all" };
  const [units, deliveries, acks, corrections] = await Promise.all([
    audienceUnits(db, notice.councilId, audience),
    deliveriesOf(db, noticeId),
    acksOf(db, noticeId),
    countCorrections(db, noticeId),
  ]);
  const unitStatuses: UnitStatus[] = units.map((u) => {
    const ds = deliveries.filter((d) => d.unitId === u.id);
    // Only the unit's own members acknowledge for it (issue 12: a press by the office in its group is not its).
    const as = acks.filter((a) => a.unitId === u.id && !a.outsider);
    const state: UnitStatus["state"] =
      as.length > 0
        ? "acked"
        : ds.some((d) => d.status === "delivered")
          ? "delivered"
          : ds.some((d) => d.status === "pending")
            ? "pending"
            : ds.length > 0
              ? "failed"
              : "no_group";
    return {
      unitCode: u.code,
      unitName: u.name,
      state,
      chats: ds.map((d) => ({
        platform: d.chat.platform,
        chatId: d.chat.externalId,
        title: d.chat.title,
        status: d.status,
        reason: d.failReason,
        reasonText: d.failReason ? reasonInWords(d.failReason) : null,
        pin: d.pinStatus,
        pinReason: d.pinFailReason,
      })),
      acks: as.map((a) => ({ member: a.member.fullName, at: a.ackedAt.toISOString(), via: a.via, platform: a.platform })),
    };
  });
  const otherChats = deliveries
    .filter((d) => d.unitId === null || !units.some((u) => u.id === d.unitId))
    .map((d) => ({
      platform: d.chat.platform,
      chatId: d.chat.externalId,
      title: d.chat.title,
      purpose: d.chat.purpose,
      status: d.status,
      reason: d.failReason,
      reasonText: d.failReason ? reasonInWords(d.failReason) : null,
    }));
  const counted = new Set(units.map((u) => u.id));
  const chatOf = new Map(deliveries.map((d) => [d.chatId, d]));
  const otherAcks: OtherAck[] = acks
    .filter((a) => a.outsider || a.unitId === null || !counted.has(a.unitId))
    .map((a) => {
      const d = a.chatId !== null ? chatOf.get(a.chatId) : undefined;
      return {
        member: a.member.fullName,
        role: a.member.role,
        memberUnit: a.unit?.name ?? null,
        chatTitle: d?.chat.title ?? null,
        chatUnit: d?.unit?.name ?? null,
        outsider: a.outsider,
        at: a.ackedAt.toISOString(),
        via: a.via,
        platform: a.platform,
      };
    });
  return {
    notice: {
      id: notice.id,
      title: notice.title,
      number: notice.number,
      issuedOn: notice.issuedOn,
      audience: notice.audience,
      publishedAt: notice.publishedAt?.toISOString() ?? null,
      fileName: notice.fileName,
      pin: notice.pin,
      recalledAt: notice.recalledAt?.toISOString() ?? null,
      recallReason: notice.recallReason,
      corrections,
    },
    units: unitStatuses,
    otherChats,
    otherAcks,
    totals: {
      units: units.length,
      delivered: unitStatuses.filter((u) => u.state === "delivered" || u.state === "acked").length,
      acked: unitStatuses.filter((u) => u.state === "acked").length,
      failedChats: deliveries.filter((d) => d.status === "failed").length,
      pendingChats: deliveries.filter((d) => d.status === "pending").length,
    },
  };
}
