import type { Db, Tx } from "./client.js";

export interface ConversationRow {
  id: number;
  platform: string;
  platformUserId: string;
  flow: string;
  step: string;
  chatExternalId: string;
  dataJson: string;
  revision: number;
  startedAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

export const findConversation = (db: Db | Tx, platform: string, platformUserId: string): Promise<ConversationRow | null> =>
  db.conversation.findUnique({ where: { platform_platformUserId: { platform, platformUserId } } });

export async function saveConversation(
  tx: Tx,
  key: { platform: string; platformUserId: string },
  state: { flow: string; step: string; chatExternalId: string; dataJson: string; expiresAt: Date; now: Date },
  expectedRevision: number | null,
): Promise<boolean> {
  if (expectedRevision === null) {
    await tx.conversation.deleteMany({ where: key });
    await tx.conversation.create({
      data: {
        ...key,
        flow: state.flow,
        step: state.step,
        chatExternalId: state.chatExternalId,
        dataJson: state.dataJson,
        expiresAt: state.expiresAt,
        startedAt: state.now,
        revision: 1,
      },
    });
    return true;
  }
  // Optimistic check: a second device that answered first has moved the revision on.
  const { count } = await tx.conversation.updateMany({
    where: { ...key, revision: expectedRevision },
    data: {
      flow: state.flow,
      step: state.step,
      chatExternalId: state.chatExternalId,
      dataJson: state.dataJson,
      expiresAt: state.expiresAt,
      revision: { increment: 1 },
    },
  });
  return count === 1;
}

export async function deleteConversation(db: Db | Tx, platform: string, platformUserId: string): Promise<void> {
  await db.conversation.deleteMany({ where: { platform, platformUserId } });
}

export const expiredConversations = (db: Db, now: Date, take = 200): Promise<ConversationRow[]> =>
  db.conversation.findMany({ where: { expiresAt: { lte: now } }, take, orderBy: { expiresAt: "asc" } });

/** Deletes the row only if it is still the expired one we read (not refreshed meanwhile). */
export async function deleteIfUnchanged(tx: Tx, id: number, revision: number): Promise<boolean> {
  const { count } = await tx.conversation.deleteMany({ where: { id, revision } });
  return count === 1;
}
