/**
 * A notice's deadline proposals kept with the notice, each with what the office did with it (open, created,
 * skipped). Publishing ends at delivery; the proposals are reviewed afterwards in their own step, as often as
 * needed: abandoning that step drops nothing, and `/thongbao_nhiemvu N` shows what is still open.
 */
import type { Db, Tx } from "../../db/client.js";
import { findNotice, recentNoticesWithProposals, setNoticeProposals, tasksOfNotice } from "../../db/notices.js";
import { listUnits } from "../../db/units.js";
import { draftFromText } from "./draft.js";
import { proposeTasks, type TaskProposal } from "./proposed-tasks.js";

export type ProposalDecision = "open" | "created" | "skipped";

export interface StoredProposal extends TaskProposal {
  state: ProposalDecision;
  /** the task (or periodic series) made from it */
  taskId?: number;
  seriesId?: number;
}

type NoticeRow = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

export const openProposals = (list: readonly StoredProposal[]): number => list.filter((p) => p.state === "open").length;

export const proposalsJson = (list: readonly TaskProposal[] | readonly StoredProposal[]): string =>
  JSON.stringify(list.map((p) => ({ state: "open", ...p })));

export function parseStoredProposals(json: string | null): StoredProposal[] | null {
  if (!json) return null;
  try {
    const list = JSON.parse(json) as StoredProposal[];
    return Array.isArray(list) ? list : null;
  } catch {
    return null;
  }
}

/**
 * The notice's proposals: as stored, or read again from its text (a notice published from the console or the
 * CLI), with the publishing day as the reference date for year-less dates, and stored.
 */
export async function proposalsOf(db: Db | Tx, notice: NoticeRow, timezone: string): Promise<StoredProposal[]> {
  const stored = parseStoredProposals(notice.proposalsJson);
  if (stored) return stored;
  const draft = draftFromText(notice.body, timezone, null, (notice.publishedAt ?? notice.createdAt).toISOString());
  const units = await listUnits(db, notice.councilId, { activeOnly: true });
  // A task the console or the CLI already made from this notice, under the proposal's title, counts as done.
  const made = new Map((await tasksOfNotice(db, notice.id)).map((t) => [t.title, t.id]));
  const list: StoredProposal[] = proposeTasks(draft.parsed, units).map((p) =>
    made.has(p.title) ? { ...p, state: "created", taskId: made.get(p.title)! } : { ...p, state: "open" },
  );
  await setNoticeProposals(db, notice.id, JSON.stringify(list));
  return list;
}

/** Records what the office did with proposal `index` (in the same transaction as the task it made). */
export async function decideProposal(
  tx: Tx,
  noticeId: number,
  index: number,
  decision: { state: ProposalDecision; taskId?: number; seriesId?: number; proposal?: TaskProposal },
): Promise<void> {
  const notice = await findNotice(tx, noticeId);
  const list = parseStoredProposals(notice?.proposalsJson ?? null);
  if (!list?.[index]) return;
  const { proposal, ...rest } = decision;
  list[index] = { ...list[index]!, ...(proposal ?? {}), ...rest };
  await setNoticeProposals(tx, noticeId, JSON.stringify(list));
}

/** The latest notice of the council with proposals still open, for "/thongbao_nhiemvu" without a number. */
export async function latestWithOpenProposals(db: Db, councilId: number): Promise<number | null> {
  for (const n of await recentNoticesWithProposals(db, councilId))
    if (openProposals(parseStoredProposals(n.proposalsJson) ?? []) > 0) return n.id;
  return null;
}
