/**
 * The "send as many texts, photos and documents as you like, then review" step shared by reports and
 * urgent issues. Files are kept as platform references; nothing is downloaded. The content itself is
 * core's (core/content.ts).
 */
import { contentBody, type Content, MAX_BODY_CHARS } from "../core/content.js";
import { checkAttachment, formatMegabytes, MAX_ATTACHMENTS } from "../domain/attachments.js";
import { reports } from "../i18n/vi/reports.js";
import { common } from "../i18n/vi/common.js";
import type { SafeHtml } from "../text/html.js";
import type { FlowContext, FlowInput } from "./types.js";

/**
 * Adds what the person sent to the content.
 * @returns the updated content and a message to show, or a refusal message
 */
export function addToContent(ctx: FlowContext, content: Content, input: FlowInput): { content: Content; message: SafeHtml } {
  if (input.type === "text") {
    const text = input.text.trim();
    if (contentBody(content).length + text.length > MAX_BODY_CHARS) return { content, message: common.tooLong(MAX_BODY_CHARS) };
    const next = { ...content, texts: [...content.texts, text] };
    return { content: next, message: reports.received(next.texts.length, next.files.length) };
  }
  if (input.type === "file") {
    // The server keeps a copy of every file: the smaller of the platform's download limit and ATTACHMENT_MAX_MB.
    const check = checkAttachment(input.file, Math.min(ctx.platform.maxDownloadBytes, ctx.services.config.attachmentMaxBytes));
    const name = input.file.fileName ?? common.fileLabel(input.file.kind);
    if (!check.ok)
      return {
        content,
        message: check.reason === "size" ? reports.fileTooBig(name, formatMegabytes(check.limitBytes!)) : reports.fileRefused(name),
      };
    if (content.files.length >= MAX_ATTACHMENTS) return { content, message: reports.tooManyFiles(MAX_ATTACHMENTS) };
    const texts = input.caption?.trim() ? [...content.texts, input.caption.trim()] : content.texts;
    const next = { texts, files: [...content.files, { ...input.file, platform: ctx.event.chat.platform }] };
    return { content: next, message: reports.received(next.texts.length, next.files.length) };
  }
  return { content, message: reports.unsupported() };
}
