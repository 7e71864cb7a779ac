/**
 * Inbound events: what people do in a chat, in platform-neutral terms. Adapters (Telegram, Zalo)
 * translate their updates into these; the core never sees a telegraf or zca-js object.
 */

export interface ChatRef {
  /** a registered platform's name (see platform.ts) */
  platform: string;
  /** the platform's chat id, as a string */
  id: string;
  kind: "private" | "group";
  title?: string;
}

export interface UserRef {
  /** a registered platform's name (see platform.ts) */
  platform: string;
  id: string;
  displayName: string;
  username?: string;
}

export interface IncomingFile {
  /** platform file reference (Telegram file_id, Zalo attachment URL) */
  fileId: string;
  kind: "photo" | "document";
  fileName?: string;
  mime?: string;
  size?: number;
}

interface Base {
  chat: ChatRef;
  /** a key unique to this update, used to ignore a redelivered update and to key replies */
  eventKey: string;
}

export type InboundEvent =
  | (Base & { type: "command"; user: UserRef; command: string; args: string; messageId: string })
  | (Base & { type: "text"; user: UserRef; text: string; messageId: string; replyToMessageId?: string })
  | (Base & {
      type: "choice";
      user: UserRef;
      data: string;
      /** the message that carried the choices */
      messageId: string;
      callbackId?: string;
      /** the person's own message that made the choice, where it was typed (a quoted numbered list on Zalo) */
      typedMessageId?: string;
    })
  | (Base & { type: "file"; user: UserRef; file: IncomingFile; caption?: string; messageId: string })
  | (Base & {
      type: "unsupported";
      user: UserRef;
      what: "sticker" | "voice" | "video" | "audio" | "location" | "contact" | "poll" | "other";
      messageId: string;
    })
  | (Base & { type: "reaction"; user: UserRef; messageId: string; reaction: string })
  | (Base & { type: "recall"; user: UserRef; messageId: string })
  | (Base & { type: "members_joined"; users: UserRef[] })
  | (Base & { type: "member_left"; user: UserRef })
  | (Base & { type: "bot_added"; by?: UserRef; canPin?: boolean /** false when only the bot's rights changed */; joined: boolean })
  | (Base & { type: "bot_removed"; by?: UserRef })
  | (Base & { type: "chat_migrated"; toChatId: string });

export type InboundEventType = InboundEvent["type"];
export type UserEvent = Extract<InboundEvent, { user: UserRef }>;

export const hasUser = (e: InboundEvent): e is UserEvent => "user" in e;
