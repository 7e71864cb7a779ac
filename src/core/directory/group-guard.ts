/**
 * The standing committee's group receives every report with its files and every urgent issue; the
 * announcement group receives every notice to all units. Registering or changing either is therefore an
 * administrator's act (or the operator's, at the CLI), is confirmed, and is announced to the standing
 * group(s) already registered and to the admins, so one office account cannot quietly redirect that mail.
 * A chat registered to another council is never moved by anyone.
 */
import type { Tx } from "../../db/client.js";
import type { ChatRow } from "../../db/chats.js";
import { listRegisteredGroups } from "../../db/chats.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import { formatShortDateTime } from "../../domain/time/vietnamese-format.js";
import { access } from "../../i18n/vi/access.js";
import { tellAdmins, type OperatorChat } from "../admins.js";

export const GUARDED_PURPOSES: readonly string[] = ["standing", "announce"];

/** Whether registering `purpose` over a chat now registered as `current` needs an admin and a confirmation. */
export const isGuardedChange = (purpose: string, current: string | null): boolean =>
  GUARDED_PURPOSES.includes(purpose) || GUARDED_PURPOSES.includes(current ?? "");

/** A chat that belongs to another council. */
export const belongsElsewhere = (chat: Pick<ChatRow, "councilId"> | null, councilId: number): boolean =>
  chat !== null && chat.councilId !== null && chat.councilId !== councilId;

export interface AnnounceOptions {
  timezone: string;
  operatorChat: OperatorChat | undefined;
}

/** Tells the standing group(s) (other than the chat itself) and the admins what changed, who did it and when. */
export async function announceGroupChange(
  tx: Tx,
  input: {
    councilId: number;
    chat: Pick<ChatRow, "id" | "title" | "externalId">;
    purpose: string;
    previous: string | null;
    by: string;
    now: Date;
    key: string;
  } & AnnounceOptions,
): Promise<number> {
  const text = access.groupChanged({
    title: input.chat.title ?? input.chat.externalId,
    purpose: input.purpose,
    previous: input.previous,
    by: input.by,
    at: formatShortDateTime(input.now, input.timezone),
  });
  const standing = (await listRegisteredGroups(tx, input.councilId, { purpose: "standing", activeOnly: true })).filter(
    (g) => g.id !== input.chat.id,
  );
  for (const g of standing)
    await enqueue(tx, { key: `${input.key}:standing:${g.id}`, chatId: g.id, message: { kind: "text", text }, priority: PRIORITY.normal });
  const admins = await tellAdmins(tx, {
    councilIds: [input.councilId],
    operatorChat: input.operatorChat,
    key: input.key,
    text,
    skipChatIds: [input.chat.id],
  });
  return standing.length + admins;
}
