/**
 * Gathers the digest's state from the database and composes it (domain/digests/compose-digest.ts): open
 * tasks with who submitted (on time or late) and who is missing, reports new in the period, urgent issues,
 * and units that have not acknowledged a notice delivered to their group. Used by the scheduled digests,
 * /tonghop and `council digest`.
 */
import type { Db, Tx } from "../../db/client.js";
import { tasksWithProgressAt } from "../../db/task-queries.js";
import { issuesAt, outsiderAcks, submissionsInPeriod, unacknowledgedUnitDeliveries } from "../../db/digest-queries.js";
import { noticeAcks } from "../../i18n/vi/notice-acks.js";
import { lastSentDigestAt } from "../../db/dispatch-log.js";
import {
  composeDigest,
  renderDigest,
  type DigestContent,
  type DigestContentKind,
  type DigestNoticeGapInput,
} from "../../domain/digests/compose-digest.js";
import type { SafeHtml } from "../../text/html.js";

/** Notices older than this are no longer listed as acknowledgement gaps (the digest stays about what is current). */
export const NOTICE_GAP_DAYS = 30;
/** An on-demand digest with no earlier digest covers the last day. */
export const ON_DEMAND_DEFAULT_PERIOD_MS = 24 * 3600_000;

export async function noticeGapsAt(db: Db | Tx, councilId: number, now: Date): Promise<DigestNoticeGapInput[]> {
  const rows = await unacknowledgedUnitDeliveries(
    db,
    councilId,
    { from: new Date(now.getTime() - NOTICE_GAP_DAYS * 86_400_000), until: now },
    now,
  );
  const byNotice = new Map<number, DigestNoticeGapInput & { seen: Set<number> }>();
  for (const r of rows) {
    let g = byNotice.get(r.noticeId);
    if (!g)
      byNotice.set(
        r.noticeId,
        (g = { noticeId: r.noticeId, title: r.noticeTitle, publishedAt: r.publishedAt, missingUnitNames: [], seen: new Set() }),
      );
    if (g.seen.has(r.unitId)) continue;
    g.seen.add(r.unitId);
    g.missingUnitNames.push(r.unitName);
  }
  const others = await outsiderAcks(db, [...byNotice.keys()], now);
  return [...byNotice.values()].map(({ seen: _seen, ...g }) => {
    const mine = others.filter((o) => o.noticeId === g.noticeId).map((o) => noticeAcks.digestOther(o.member, o.chat));
    return mine.length > 0 ? { ...g, outsiderAcks: mine } : g;
  });
}

export async function buildDigest(
  db: Db | Tx,
  councilId: number,
  input: {
    now: Date;
    timezone: string;
    kind: DigestContentKind;
    period: { from: Date; to: Date };
    /** above this many units the digest is summarised (DIGEST_MAX_UNITS) */
    maxUnits?: number;
  },
): Promise<DigestContent> {
  const { now, timezone, period } = input;
  const tasks = await tasksWithProgressAt(db, councilId, now, ["open"]);
  const subs = await submissionsInPeriod(db, councilId, period.from, period.to);
  const issues = await issuesAt(db, councilId, period.from, now);
  const noticeGaps = await noticeGapsAt(db, councilId, now);
  return composeDigest({
    now,
    timezone,
    period,
    kind: input.kind,
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      dueAt: t.dueAt,
      units: t.units.map((u) => ({
        unitId: u.unit.id,
        unitName: u.unit.name,
        unitKind: u.unit.kind,
        parentName: u.parentName ?? null,
        // The unit's own deadline after an extension for it alone decides whether it is overdue.
        ...(u.dueAt.getTime() !== t.dueAt.getTime() ? { dueAt: u.dueAt } : {}),
        nothing: u.latest?.kind === "nothing",
        // On time or late is decided by the first report; the latest version is the one shown.
        latest:
          u.latest && u.first
            ? { submittedAt: u.latest.submittedAt, late: u.first.late, version: u.latest.version, receiptNo: u.latest.receiptNo }
            : null,
      })),
    })),
    newSubmissions: subs.map((s) => ({
      unitName: s.unit.name,
      taskTitle: s.task?.title ?? null,
      submittedAt: s.submittedAt,
      late: s.late,
      receiptNo: s.receiptNo,
      version: s.version,
    })),
    issues: issues.map((i) => ({
      receiptNo: i.receiptNo,
      unitName: i.unit?.name ?? null,
      category: i.category,
      urgency: i.urgency,
      status: i.status,
      createdAt: i.createdAt,
      location: i.location,
    })),
    noticeGaps,
    ...(input.maxUnits !== undefined ? { maxUnits: input.maxUnits } : {}),
  });
}

/** The period of an on-demand digest: since the last digest that went out (or the last day), up to now. */
export async function onDemandPeriod(db: Db | Tx, councilId: number, now: Date): Promise<{ from: Date; to: Date }> {
  const last = await lastSentDigestAt(db, councilId, now);
  return { from: last && last.getTime() < now.getTime() ? last : new Date(now.getTime() - ON_DEMAND_DEFAULT_PERIOD_MS), to: now };
}

/** The on-demand digest, rendered as one or more messages. */
export async function onDemandDigest(
  db: Db | Tx,
  councilId: number,
  now: Date,
  timezone: string,
  maxUnits?: number,
): Promise<{ content: DigestContent; messages: SafeHtml[] }> {
  const content = await buildDigest(db, councilId, {
    now,
    timezone,
    kind: "on_demand",
    period: await onDemandPeriod(db, councilId, now),
    ...(maxUnits !== undefined ? { maxUnits } : {}),
  });
  return { content, messages: renderDigest(content) };
}
