/**
 * Messages for the standing committee go to every active group registered with purpose "standing", and a copy
 * to the office's own groups (purpose "office", issue 12): the office prepares the standing committee's work
 * and must see the reports and issues as they arrive. Digests and escalations stay with the standing groups.
 */
import type { Tx } from "../db/client.js";
import { listRegisteredGroups } from "../db/chats.js";
import { enqueue, PRIORITY } from "../delivery/outbox.js";
import type { OutboundMessage } from "../messaging/outbound.js";
import type { Content } from "./content.js";
import { fileLabel } from "./content.js";
import type { SafeHtml } from "../text/html.js";

export async function standingChats(tx: Tx, councilId: number) {
  return listRegisteredGroups(tx, councilId, { purposes: ["standing", "office"], activeOnly: true });
}

/**
 * Queues a header message and the files for every standing group. A file received on another platform is
 * sent as the server's stored copy when it is a saved attachment; otherwise `header` receives its name (and
 * link) to show instead.
 * @returns how many standing committee groups will receive it, and the outbox key of the header per chat (office groups too)
 */
export async function sendToStanding(
  tx: Tx,
  councilId: number,
  key: string,
  header: (chat: { platform: string }, foreignFiles: string[], forwardedCount: number) => OutboundMessage | Promise<OutboundMessage>,
  files: (Content["files"][number] & { attachmentId?: number })[],
  caption: (index: number, total: number, name: string | null) => SafeHtml,
): Promise<{ chats: number; headerKeys: Map<number, string> }> {
  const chats = await standingChats(tx, councilId);
  const sent = await sendToGroups(tx, chats, key, header, files, caption);
  // "Nobody in the standing committee got it" is still worth saying when only the office's group did.
  return { ...sent, chats: chats.filter((c) => c.purpose === "standing").length };
}

/** The same for any groups (a committee's, for an issue handed to it). */
export async function sendToGroups(
  tx: Tx,
  chats: readonly { id: number; platform: string }[],
  key: string,
  header: (chat: { platform: string }, foreignFiles: string[], forwardedCount: number) => OutboundMessage | Promise<OutboundMessage>,
  files: (Content["files"][number] & { attachmentId?: number })[],
  caption: (index: number, total: number, name: string | null) => SafeHtml,
): Promise<{ chats: number; headerKeys: Map<number, string> }> {
  const headerKeys = new Map<number, string>();
  for (const chat of chats) {
    // A file from the other platform goes as the server's copy (see the outbox sender) when it is a stored attachment.
    const sendable = (f: (typeof files)[number]) => f.platform === chat.platform || f.attachmentId !== undefined;
    const forward = files.filter(sendable);
    const foreign = files
      .filter((f) => !sendable(f))
      .map((f, i) => (f.fileId.startsWith("http") ? `${fileLabel(f, i)} (${f.fileId})` : fileLabel(f, i)));
    const headerKey = `${key}:c${chat.id}`;
    await enqueue(tx, { key: headerKey, chatId: chat.id, message: await header(chat, foreign, forward.length), priority: PRIORITY.normal });
    headerKeys.set(chat.id, headerKey);
    for (let i = 0; i < forward.length; i++) {
      const f = forward[i]!;
      await enqueue(tx, {
        key: `${headerKey}:f${i + 1}`,
        chatId: chat.id,
        message: {
          kind: "file",
          fileKind: f.kind,
          source: {
            type: "platform",
            platform: f.platform,
            fileId: f.fileId,
            ...(f.attachmentId !== undefined ? { attachmentId: f.attachmentId } : {}),
          },
          ...(f.fileName ? { fileName: f.fileName } : {}),
          caption: caption(i + 1, forward.length, f.fileName ?? null),
        },
        priority: PRIORITY.normal,
      });
    }
  }
  return { chats: chats.length, headerKeys };
}

/** Pairs the received files with the attachment rows created for them (same order), so each can be sent as the stored copy. */
export function withAttachmentIds<F extends object>(
  files: readonly F[],
  rows: readonly { id: number }[],
): (F & { attachmentId?: number })[] {
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  return files.map((f, i): F & { attachmentId?: number } => (ids[i] !== undefined ? { ...f, attachmentId: ids[i] } : { ...f }));
}
