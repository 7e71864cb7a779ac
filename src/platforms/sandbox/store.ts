/**
 * The sandbox's "chat servers": its people (personas), chats, who is in which chat, the messages and the
 * files people attached. It plays the part Telegram's servers play for Telegram: the adapter writes what
 * the bot sends here, the page reads it. Kept in its own small SQLite file beside the sandbox's council
 * database (never in the real one), so a reset removes both.
 *
 * Every change emits "change" with the chat it touched, which the page hears through Server-Sent Events.
 */
import { EventEmitter } from "node:events";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import type { Choice } from "../../messaging/outbound.js";

export type PersonaRole = "office" | "standing" | "vice_chair";

export interface Persona {
  id: string;
  name: string;
  /** the title people know the persona by ("Phó Chủ tịch HĐND xã Phổ An") */
  title: string;
  role: PersonaRole;
  unitCode: string | null;
  /** the one-time code this persona links with, shown in the sandbox until used; null once linked at seed */
  inviteCode: string | null;
  sort: number;
}

export interface SandboxChat {
  /** the chat's id on the sandbox platform: "g-PHO_AN" for a group, "u-<persona>" for a private chat */
  id: string;
  kind: "group" | "private";
  title: string;
  sort: number;
}

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  kind: "photo" | "document";
}

export interface SandboxMessage {
  id: number;
  chatId: string;
  /** "bot", "system" (the sandbox's own hints) or a persona id */
  sender: string;
  /** markup from the bot (the HTML subset of outbound texts); escaped plain text from a person */
  html: string;
  choices: Choice[][] | null;
  file: StoredFile | null;
  replyTo: number | null;
  pinned: boolean;
  deleted: boolean;
  edited: boolean;
  /** the sandbox time it was sent at (ISO) */
  at: string;
}

/** A page-visible change: which chat, or everything (a reset, a clock jump). */
export type StoreChange = { chatId: string } | { all: true };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS personas (id TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT NOT NULL, role TEXT NOT NULL,
  unit_code TEXT, invite_code TEXT, sort INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chats (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, sort INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chat_members (chat_id TEXT NOT NULL, persona_id TEXT NOT NULL, PRIMARY KEY (chat_id, persona_id));
CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id TEXT NOT NULL, sender TEXT NOT NULL,
  html TEXT NOT NULL, choices TEXT, file_id TEXT, reply_to INTEGER, pinned INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0, edited INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_chat ON messages (chat_id, id);
CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, name TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface MessageRow {
  id: number;
  chat_id: string;
  sender: string;
  html: string;
  choices: string | null;
  file_id: string | null;
  reply_to: number | null;
  pinned: number;
  deleted: number;
  edited: number;
  at: string;
  f_name: string | null;
  f_mime: string | null;
  f_size: number | null;
  f_kind: string | null;
}

export class SandboxStore extends EventEmitter<{ change: [StoreChange] }> {
  private readonly sql: Database.Database;
  readonly filesDir: string;

  constructor(readonly dir: string) {
    super();
    this.setMaxListeners(0);
    mkdirSync(dir, { recursive: true });
    this.filesDir = path.join(dir, "files");
    mkdirSync(this.filesDir, { recursive: true });
    this.sql = new Database(path.join(dir, "messenger.db"));
    this.sql.pragma("journal_mode = WAL");
    this.sql.exec(SCHEMA);
  }

  close(): void {
    this.sql.close();
  }

  /** Tells the pages something changed in a chat, or everywhere. */
  notify(change: StoreChange): void {
    this.emit("change", change);
  }

  // --- seed-time setup ---------------------------------------------------------------------------

  addPersona(p: Persona): void {
    this.sql
      .prepare("INSERT OR REPLACE INTO personas (id, name, title, role, unit_code, invite_code, sort) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(p.id, p.name, p.title, p.role, p.unitCode, p.inviteCode, p.sort);
  }

  addChat(c: SandboxChat, members: readonly string[]): void {
    this.sql.prepare("INSERT OR REPLACE INTO chats (id, kind, title, sort) VALUES (?, ?, ?, ?)").run(c.id, c.kind, c.title, c.sort);
    const add = this.sql.prepare("INSERT OR IGNORE INTO chat_members (chat_id, persona_id) VALUES (?, ?)");
    for (const m of members) add.run(c.id, m);
  }

  setMeta(key: string, value: string): void {
    this.sql.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(key, value);
  }

  meta(key: string): string | null {
    return (this.sql.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)?.value ?? null;
  }

  // --- reading ----------------------------------------------------------------------------------

  personas(): Persona[] {
    return (
      this.sql.prepare("SELECT * FROM personas ORDER BY sort, name").all() as {
        id: string;
        name: string;
        title: string;
        role: PersonaRole;
        unit_code: string | null;
        invite_code: string | null;
        sort: number;
      }[]
    ).map((r) => ({
      id: r.id,
      name: r.name,
      title: r.title,
      role: r.role,
      unitCode: r.unit_code,
      inviteCode: r.invite_code,
      sort: r.sort,
    }));
  }

  persona(id: string): Persona | undefined {
    return this.personas().find((p) => p.id === id);
  }

  chat(id: string): SandboxChat | undefined {
    return this.sql.prepare("SELECT id, kind, title, sort FROM chats WHERE id = ?").get(id) as SandboxChat | undefined;
  }

  /** The chats a persona sees: its groups, then its private chat with the bot. */
  chatsOf(personaId: string): SandboxChat[] {
    return this.sql
      .prepare(
        "SELECT c.id, c.kind, c.title, c.sort FROM chats c JOIN chat_members m ON m.chat_id = c.id WHERE m.persona_id = ? ORDER BY c.kind = 'private' DESC, c.sort, c.title",
      )
      .all(personaId) as SandboxChat[];
  }

  isMember(chatId: string, personaId: string): boolean {
    return this.sql.prepare("SELECT 1 FROM chat_members WHERE chat_id = ? AND persona_id = ?").get(chatId, personaId) !== undefined;
  }

  /** The latest messages of a chat, oldest first (deleted ones are left out, as a messenger does). */
  messages(chatId: string, limit = 200): SandboxMessage[] {
    const rows = this.sql
      .prepare(
        `SELECT m.*, f.name AS f_name, f.mime AS f_mime, f.size AS f_size, f.kind AS f_kind FROM messages m
         LEFT JOIN files f ON f.id = m.file_id WHERE m.chat_id = ? AND m.deleted = 0 ORDER BY m.id DESC LIMIT ?`,
      )
      .all(chatId, limit) as MessageRow[];
    return rows.reverse().map(toMessage);
  }

  message(id: number): SandboxMessage | undefined {
    const row = this.sql
      .prepare(
        "SELECT m.*, f.name AS f_name, f.mime AS f_mime, f.size AS f_size, f.kind AS f_kind FROM messages m LEFT JOIN files f ON f.id = m.file_id WHERE m.id = ?",
      )
      .get(id) as MessageRow | undefined;
    return row ? toMessage(row) : undefined;
  }

  /** The id of the latest message per chat, to mark chats with news on the page. */
  latestIds(): Record<string, number> {
    const rows = this.sql.prepare("SELECT chat_id, MAX(id) AS id FROM messages WHERE deleted = 0 GROUP BY chat_id").all() as {
      chat_id: string;
      id: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.chat_id, r.id]));
  }

  file(id: string): (StoredFile & { path: string }) | undefined {
    const f = this.sql.prepare("SELECT * FROM files WHERE id = ?").get(id) as StoredFile | undefined;
    return f ? { ...f, path: path.join(this.filesDir, f.id) } : undefined;
  }

  // --- writing ----------------------------------------------------------------------------------

  /** Keeps a copy of a file (bytes, or a file on disk) and returns its record. */
  saveFile(
    input: { name: string; mime: string; kind: "photo" | "document" } & ({ bytes: Buffer } | { from: string; size: number }),
  ): StoredFile {
    const id = `f${randomBytes(9).toString("hex")}`;
    const target = path.join(this.filesDir, id);
    let size: number;
    if ("bytes" in input) {
      writeFileSync(target, input.bytes);
      size = input.bytes.length;
    } else {
      copyFileSync(input.from, target);
      size = input.size;
    }
    const f: StoredFile = { id, name: input.name, mime: input.mime, size, kind: input.kind };
    this.sql.prepare("INSERT INTO files (id, name, mime, size, kind) VALUES (?, ?, ?, ?, ?)").run(f.id, f.name, f.mime, f.size, f.kind);
    return f;
  }

  addMessage(input: {
    chatId: string;
    sender: string;
    html: string;
    at: Date;
    choices?: Choice[][] | null;
    fileId?: string | null;
    replyTo?: number | null;
  }): number {
    const r = this.sql
      .prepare("INSERT INTO messages (chat_id, sender, html, choices, file_id, reply_to, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(
        input.chatId,
        input.sender,
        input.html,
        input.choices && input.choices.length > 0 ? JSON.stringify(input.choices) : null,
        input.fileId ?? null,
        input.replyTo ?? null,
        input.at.toISOString(),
      );
    this.notify({ chatId: input.chatId });
    return Number(r.lastInsertRowid);
  }

  /** Changes a message's text and/or choices (null removes them); false when there is no such message. */
  editMessage(id: number, change: { html?: string; choices?: Choice[][] | null }): boolean {
    const m = this.message(id);
    if (!m) return false;
    const html = change.html ?? m.html;
    const choices = change.choices === undefined ? m.choices : change.choices;
    this.sql
      .prepare("UPDATE messages SET html = ?, choices = ?, edited = edited OR ? WHERE id = ?")
      .run(html, choices && choices.length > 0 ? JSON.stringify(choices) : null, change.html !== undefined ? 1 : 0, id);
    this.notify({ chatId: m.chatId });
    return true;
  }

  setPinned(id: number, pinned: boolean): boolean {
    const m = this.message(id);
    if (!m) return false;
    this.sql.prepare("UPDATE messages SET pinned = ? WHERE id = ?").run(pinned ? 1 : 0, id);
    this.notify({ chatId: m.chatId });
    return true;
  }

  deleteMessage(id: number): boolean {
    const m = this.message(id);
    if (!m) return false;
    this.sql.prepare("UPDATE messages SET deleted = 1, pinned = 0 WHERE id = ?").run(id);
    this.notify({ chatId: m.chatId });
    return true;
  }
}

function toMessage(r: MessageRow): SandboxMessage {
  return {
    id: r.id,
    chatId: r.chat_id,
    sender: r.sender,
    html: r.html,
    choices: r.choices ? (JSON.parse(r.choices) as Choice[][]) : null,
    file:
      r.file_id && r.f_name !== null
        ? {
            id: r.file_id,
            name: r.f_name,
            mime: r.f_mime ?? "application/octet-stream",
            size: r.f_size ?? 0,
            kind: r.f_kind === "photo" ? "photo" : "document",
          }
        : null,
    replyTo: r.reply_to,
    pinned: r.pinned === 1,
    deleted: r.deleted === 1,
    edited: r.edited === 1,
    at: r.at,
  };
}
