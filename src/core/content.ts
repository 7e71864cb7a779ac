/**
 * What a person hands in as a report, an addition or an urgent issue: texts and files, kept as platform
 * references until the attachment fetcher stores a copy. Core rules read it; the chat step that collects
 * it lives in flows/collect-content.ts.
 */
import type { IncomingFile } from "../messaging/events.js";
import { common } from "../i18n/vi/common.js";

export interface Content {
  texts: string[];
  files: (IncomingFile & { platform: string })[];
}

export const emptyContent = (): Content => ({ texts: [], files: [] });

export const contentBody = (c: Content): string => c.texts.join("\n\n");

export const isEmpty = (c: Content): boolean => c.texts.every((t) => t.trim() === "") && c.files.length === 0;

export const fileLabel = (f: IncomingFile, i: number): string => f.fileName ?? common.fileLabel(f.kind, i + 1);

/** Most of a report is kept; a single report body is capped so it stays readable (the rest belongs in a file). */
export const MAX_BODY_CHARS = 20_000;
