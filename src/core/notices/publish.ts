/**
 * Publishing a notice: one outbox entry set per target chat (text in parts, the file, the pin), all written
 * in one transaction with the notice and its deliveries. A crash in the middle of the fan-out loses
 * nothing: the sender finishes the rest after a restart, and the idempotency keys keep it to once.
 */
import type { Database, Tx } from "../../db/client.js";
import type { Actor } from "../actor.js";
import { may } from "../permissions.js";
import { audit } from "../../db/audit.js";
import { createDeliveries, createNotice } from "../../db/notices.js";
import { enqueueMany, PRIORITY, type EnqueueInput } from "../../delivery/outbox.js";
import { notices as t } from "../../i18n/vi/notices.js";
import { joinHtml } from "../../text/html.js";
import type { Choice, OutboundMessage } from "../../messaging/outbound.js";
import { acksByButton, capabilitiesOf, type PlatformCapabilities } from "../../messaging/platform.js";
import { formatLocalDateShort } from "../../domain/time/vietnamese-format.js";
import { noticeTargets, type Audience } from "./targets.js";
import type { NoticeDraft } from "./draft.js";
import { foldVietnamese } from "../../text/fold.js";
import { cutText } from "../../text/graphemes.js";

/** Above this many characters the group message carries an excerpt and the full text travels as the file. */
export const FULL_TEXT_LIMIT = 12_000;
export const EXCERPT_CHARS = 3_000;

export interface PublishInput {
  councilId: number;
  draft: NoticeDraft;
  title: string;
  audience: Audience;
  pin: boolean;
  authorMemberId: number | null;
  authorLabel: string;
  reportChatId: number | null;
  now: Date;
}

export type PublishResult = { ok: true; noticeId: number; targets: number; inactive: number } | { ok: false; reason: "no_targets" };

export const ackChoice = (noticeId: number, count: number): Choice[][] => [
  [{ kind: "action", label: t.ackButton(count), data: `nt:ack:${noticeId}` }],
];
export const noticeMessageKey = (noticeId: number, chatId: number): string => `notice:${noticeId}:c${chatId}`;

/** The excerpt: whole paragraphs up to the limit. */
export function excerpt(body: string, limit = EXCERPT_CHARS): string {
  if (body.length <= limit) return body;
  const cut = body.lastIndexOf("\n", limit);
  return (cut > limit / 2 ? body.slice(0, cut) : cutText(body, limit)).trimEnd();
}

const fold = (s: string): string =>
  foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const DOC_TYPE_LINE = /^(thong bao|ket luan|ke hoach|cong van|quyet dinh|bao cao|to trinh|nghi quyet|chi thi|huong dan)$/;

/**
 * The body without the lines that repeat the message's own header: the document type alone ("THÔNG BÁO"), the
 * title (possibly wrapped over several lines), "Số: ..." and the place-and-date line, among its first lines.
 * The header is said once, above.
 */
export function bodyWithoutHeader(body: string, title: string, number: string | null, issuedOn: string | null): string {
  const lines = body.split("\n");
  const foldedTitle = fold(title);
  const foldedNumber = number ? fold(number) : null;
  const headLines = Math.min(lines.length, 20);
  const keep: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const f = fold(lines[i]!);
    const repeats =
      i < headLines &&
      f !== "" &&
      (DOC_TYPE_LINE.test(f) ||
        (f.length >= 8 && foldedTitle.includes(f)) ||
        (foldedNumber !== null && /^so\b/.test(f) && f.includes(foldedNumber)) ||
        (issuedOn !== null && /^[a-z ]{2,40} ngay \d{1,2} thang \d{1,2} nam \d{4}$/.test(f)));
    if (!repeats) keep.push(lines[i]!);
  }
  return keep
    .join("\n")
    .replace(/^\s+/, "")
    .replace(/\n{3,}/g, "\n\n");
}

export function groupMessageText(draft: NoticeDraft, title: string, platform: PlatformCapabilities) {
  const truncated = draft.body.length > FULL_TEXT_LIMIT && draft.file !== null;
  const body = bodyWithoutHeader(draft.body, title, draft.number, draft.issuedOn);
  const text = t.groupMessage({
    title,
    number: draft.number,
    issuedOn: draft.issuedOn ? formatLocalDateShort(draft.issuedOn) : null,
    body: truncated ? excerpt(body) : body,
    truncated,
    file: draft.file?.name ?? null,
  });
  // Without a button under the notice, it says how to acknowledge.
  return acksByButton(platform) ? text : joinHtml([text, t.groupMessageAckHint(platform.displayName)]);
}

/** A pin is asked of every target chat; a platform that can neither pin nor keep a note says so at once. */
const pinStatusFor = (platform: string, pin: boolean): string =>
  !pin ? "not_requested" : capabilitiesOf(platform).pin === "none" ? "unsupported" : "pending";

export async function publishNotice(tx: Tx, input: PublishInput): Promise<PublishResult> {
  const chats = await noticeTargets(tx, input.councilId, input.audience);
  if (chats.length === 0) return { ok: false, reason: "no_targets" };
  const { draft } = input;
  const notice = await createNotice(tx, {
    councilId: input.councilId,
    number: draft.number,
    title: input.title,
    body: draft.body,
    issuedOn: draft.issuedOn,
    audience: input.audience.kind,
    audienceJson: JSON.stringify(input.audience.kind === "units" ? input.audience.unitIds : []),
    pin: input.pin,
    fileName: draft.file?.name ?? null,
    fileMime: draft.file?.mime ?? null,
    fileSize: draft.file?.size ?? null,
    filePath: draft.file?.storedPath ?? null,
    fileRef: draft.file?.ref ?? null,
    authorMemberId: input.authorMemberId,
    authorLabel: input.authorLabel,
    reportChatId: input.reportChatId,
    publishedAt: input.now,
  });
  const inactive = chats.filter((c) => !c.active).length;
  const deliveryIds = await createDeliveries(
    tx,
    notice.id,
    chats.map((chat) =>
      chat.active
        ? { chatId: chat.id, unitId: chat.unitId, status: "pending", failReason: null, pinStatus: pinStatusFor(chat.platform, input.pin) }
        : {
            chatId: chat.id,
            unitId: chat.unitId,
            status: "failed",
            failReason: `chat_inactive: ${chat.inactiveReason ?? ""}`,
            pinStatus: "not_requested",
          },
    ),
    input.now,
  );
  const messages: EnqueueInput[] = [];
  // One message object per platform, shared by every chat of that platform (the fan-out prepares it once).
  const texts = new Map<string, OutboundMessage>();
  const textFor = (platform: string): OutboundMessage => {
    let m = texts.get(platform);
    if (!m)
      texts.set(
        platform,
        // "Đã nhận" on the first part: the one that is pinned and read first.
        (m = {
          kind: "text",
          text: groupMessageText(draft, input.title, capabilitiesOf(platform)),
          choices: ackChoice(notice.id, 0),
          choicesOn: "first",
        }),
      );
    return m;
  };
  for (const chat of chats.filter((c) => c.active)) {
    const deliveryId = deliveryIds.get(chat.id)!;
    const key = noticeMessageKey(notice.id, chat.id);
    const ref = { type: "notice_delivery", id: deliveryId };
    messages.push({ key, chatId: chat.id, message: textFor(chat.platform), priority: PRIORITY.bulk, ref });
    if (draft.file) {
      const [platform, fileId] = draft.file.ref?.split(/:(.+)/) ?? [];
      const source: Extract<OutboundMessage, { kind: "file" }>["source"] =
        platform === chat.platform && fileId ? { type: "platform", platform, fileId } : { type: "stored", path: draft.file.storedPath };
      messages.push({
        key: `${key}:file`,
        chatId: chat.id,
        message: {
          kind: "file",
          fileKind: "document",
          source,
          fileName: draft.file.name,
          ...(draft.file.mime ? { mime: draft.file.mime } : {}),
        },
        priority: PRIORITY.bulk,
        ref,
      });
    }
    const pin = input.pin ? capabilitiesOf(chat.platform).pin : "none";
    if (pin !== "none") {
      const message: OutboundMessage =
        pin === "note"
          ? { kind: "note", title: t.noteTitle(input.title), text: t.noteText(input.title, excerpt(draft.body, 600)) }
          : { kind: "pin", targetKey: key };
      messages.push({ key: `${key}:pin`, chatId: chat.id, message, priority: PRIORITY.bulk, ref: { type: "notice_pin", id: deliveryId } });
    }
  }
  await enqueueMany(tx, messages, new Map(chats.map((c) => [c.id, c])), { freshKeys: true });
  await audit(tx, {
    councilId: input.councilId,
    actorId: input.authorMemberId,
    actorLabel: input.authorLabel,
    action: "notice.publish",
    entityType: "notice",
    entityId: notice.id,
    detail: { title: input.title, audience: input.audience, targets: chats.length, inactive, pin: input.pin },
  });
  return { ok: true, noticeId: notice.id, targets: chats.length, inactive };
}

/**
 * Publishing on behalf of a signed-in person (the web console): the same rule as /thongbao (who may
 * publish, see permissions.ts), the same fan-out through the outbox, in one transaction.
 */
export async function publishNoticeAs(
  db: Database,
  actor: Actor,
  input: { draft: NoticeDraft; title: string; audience: Audience; pin: boolean; actorLabel: string; now: Date },
): Promise<PublishResult | { ok: false; reason: "not_allowed" }> {
  if (!may(actor.role, "publishNotices")) return { ok: false, reason: "not_allowed" };
  return db.transaction((tx) =>
    publishNotice(tx, {
      councilId: actor.councilId,
      draft: input.draft,
      title: input.title,
      audience: input.audience,
      pin: input.pin,
      authorMemberId: actor.memberId,
      authorLabel: input.actorLabel,
      reportChatId: null,
      now: input.now,
    }),
  );
}
