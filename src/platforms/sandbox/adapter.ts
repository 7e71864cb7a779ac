/**
 * The sandbox's adapter: what a person does on the sandbox page (types, presses a button, attaches a file)
 * becomes the same platform-neutral inbound event a Telegram update becomes, handed to the same dispatcher.
 * What the person wrote is first kept in the store, so everyone in that chat sees it, as in a real group.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Clock } from "../../domain/time/clock.js";
import type { ChatRef, InboundEvent, UserRef } from "../../messaging/events.js";
import type { InboundHandler, PlatformInfo } from "../../messaging/platform.js";
import { escapeHtml } from "../../text/html.js";
import { sandboxCapabilities } from "./capabilities.js";
import { SandboxSender } from "./sender.js";
import type { SandboxStore, StoredFile } from "./store.js";

const PLATFORM = sandboxCapabilities.name;
/** Larger files are refused on the page; reports in training are small. */
export const SANDBOX_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** "/baocao@bot args" -> command and arguments, as Telegram's adapter reads them. */
export function parseCommand(text: string): { command: string; args: string } | null {
  const m = /^\/([A-Za-z0-9_]{1,64})(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { command: m[1]!.toLowerCase(), args: (m[2] ?? "").trim() } : null;
}

export type ActionOutcome = { ok: true; toast?: { text: string; alert: boolean; url?: string } } | { ok: false; reason: string };

export class SandboxAdapter {
  private inbound: InboundHandler | undefined;
  readonly sender: SandboxSender;
  readonly info: PlatformInfo;

  constructor(
    private readonly store: () => SandboxStore,
    private readonly clock: Clock,
  ) {
    this.sender = new SandboxSender(store, clock);
    this.info = {
      displayName: sandboxCapabilities.displayName,
      buttons: true,
      maxDownloadBytes: SANDBOX_MAX_FILE_BYTES,
      // The page turns this link into "/start payload" in the private chat of whoever follows it.
      deepLink: (payload) => `/sandbox?start=${encodeURIComponent(payload)}`,
      downloadFile: async (fileId) => {
        const f = this.store().file(fileId);
        if (!f) throw new Error(`no sandbox file ${fileId}`);
        return readFile(f.path);
      },
    };
  }

  start(inbound: InboundHandler): void {
    this.inbound = inbound;
  }

  stop(): void {
    this.inbound = undefined;
  }

  private refs(personaId: string, chatId: string): { user: UserRef; chat: ChatRef } | null {
    const store = this.store();
    const persona = store.persona(personaId);
    const chat = store.chat(chatId);
    if (!persona || !chat || !store.isMember(chatId, personaId)) return null;
    return {
      user: { platform: PLATFORM, id: persona.id, displayName: persona.name },
      chat: { platform: PLATFORM, id: chat.id, kind: chat.kind, title: chat.title },
    };
  }

  private async handle(event: InboundEvent): Promise<ActionOutcome> {
    if (!this.inbound) return { ok: false, reason: "the sandbox is not running" };
    const r = await this.inbound.handle(event);
    return { ok: true, ...(r.toast ? { toast: r.toast } : {}) };
  }

  /** A person types in a chat: a command ("/baocao") or text (an answer, a number, "đã nhận"). */
  async say(personaId: string, chatId: string, text: string, replyTo?: number): Promise<ActionOutcome> {
    const refs = this.refs(personaId, chatId);
    const body = text.trim();
    if (!refs) return { ok: false, reason: "not in this chat" };
    if (!body) return { ok: false, reason: "empty" };
    const id = this.store().addMessage({
      chatId,
      sender: personaId,
      html: escapeHtml(body),
      at: this.clock.now(),
      replyTo: replyTo ?? null,
    });
    const base = { ...refs, eventKey: `${PLATFORM}:m${id}:${randomUUID()}`, messageId: String(id) };
    const cmd = parseCommand(body);
    return this.handle(
      cmd
        ? { ...base, type: "command", command: cmd.command, args: cmd.args }
        : { ...base, type: "text", text: body, ...(replyTo !== undefined ? { replyToMessageId: String(replyTo) } : {}) },
    );
  }

  /** A person presses a button under a bot's message. */
  async press(personaId: string, messageId: number, data: string): Promise<ActionOutcome> {
    const message = this.store().message(messageId);
    if (!message || message.deleted) return { ok: false, reason: "no such message" };
    const refs = this.refs(personaId, message.chatId);
    if (!refs) return { ok: false, reason: "not in this chat" };
    // Only a button the message really carries, like a platform that routes its own keyboards.
    const offered = (message.choices ?? []).flat().some((c) => c.kind === "action" && c.data === data);
    if (!offered) return { ok: false, reason: "no such button" };
    const callbackId = randomUUID();
    return this.handle({
      ...refs,
      type: "choice",
      eventKey: `${PLATFORM}:press:${callbackId}`,
      data,
      messageId: String(messageId),
      callbackId,
    });
  }

  /** A person attaches a file (with an optional caption) in a chat. */
  async attach(
    personaId: string,
    chatId: string,
    file: { name: string; mime: string; bytes: Buffer },
    caption?: string,
  ): Promise<ActionOutcome> {
    const refs = this.refs(personaId, chatId);
    if (!refs) return { ok: false, reason: "not in this chat" };
    if (file.bytes.length > SANDBOX_MAX_FILE_BYTES) return { ok: false, reason: "too large" };
    const kind: StoredFile["kind"] = /^image\/(png|jpeg)$/.test(file.mime) ? "photo" : "document";
    const store = this.store();
    const saved = store.saveFile({ name: file.name, mime: file.mime, kind, bytes: file.bytes });
    const text = caption?.trim() ?? "";
    const id = store.addMessage({ chatId, sender: personaId, html: escapeHtml(text), at: this.clock.now(), fileId: saved.id });
    return this.handle({
      ...refs,
      type: "file",
      eventKey: `${PLATFORM}:m${id}:${randomUUID()}`,
      messageId: String(id),
      file: { fileId: saved.id, kind, fileName: saved.name, mime: saved.mime, size: saved.size },
      ...(text ? { caption: text } : {}),
    });
  }
}
