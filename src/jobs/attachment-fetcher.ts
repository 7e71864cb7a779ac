/**
 * Keeps a copy of every report and issue file on the server. Chat platforms give only file ids (lost when
 * the bot token changes, not viewable in a browser, and a Telegram id means nothing to Zalo), so each
 * received file is downloaded once, in the background, with the platform's own download function, and
 * stored content-addressed under DATA_DIR/attachments. Failures are retried with back-off; a file larger
 * than ATTACHMENT_MAX_MB is refused for good with a reason the console shows.
 *
 * Runs in the service process beside the outbox senders; it is woken whenever something is committed and
 * also looks every `pollIntervalMs`, so files received while it was stopped are fetched after a restart.
 * Woken by every committed update, it would run its two queries for each one (most updates carry no file):
 * it looks at most once per MIN_GAP_MS, so a burst of updates costs one look, not one per update.
 */
import type { Database } from "../db/client.js";
import { dueAttachments, markAttachmentFailed, markAttachmentRetry, markAttachmentStored, nextAttachmentDue } from "../db/attachments.js";
import type { PlatformInfo } from "../messaging/platform.js";
import type { Logger } from "../logging/logger.js";
import type { Clock } from "../domain/time/clock.js";
import { storeContent } from "../files/content-store.js";
import { formatMegabytes } from "../domain/attachments.js";
import { redactSecrets } from "../logging/logger.js";

export interface AttachmentFetcherOptions {
  db: Database;
  platforms: Record<string, PlatformInfo>;
  dataDir: string;
  maxBytes: number;
  logger: Logger;
  clock: Clock;
  pollIntervalMs?: number;
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
}

/** Platform answers that mean "this file will never download" (Telegram's 20 MB bot limit, our own cap). */
const TOO_LARGE = /too big|too large|larger than/i;

/** The shortest time between two looks when woken again and again (a file still waits at most this long). */
export const MIN_GAP_MS = 100;

export class AttachmentFetcher {
  private running = false;
  private loopDone: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pokes = 0;
  private idleWaiters: (() => void)[] = [];
  readonly stats = { stored: 0, retries: 0, failed: 0, tooLarge: 0 };

  constructor(private readonly o: AttachmentFetcherOptions) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop().catch((err) => this.o.logger.fatal({ err }, "attachment fetcher stopped"));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
  }

  /** Something was committed: look for new files now. */
  notify(): void {
    this.pokes++;
    this.wake();
  }

  /** Resolves once nothing is due right now (for tests). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.notify();
    });
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  private async loop(): Promise<void> {
    const poll = this.o.pollIntervalMs ?? 30_000;
    let lastLook = -Infinity;
    while (this.running) {
      const since = performance.now() - lastLook;
      if (since < MIN_GAP_MS) await this.pause(MIN_GAP_MS - since);
      if (!this.running) break;
      lastLook = performance.now();
      const pokes = this.pokes;
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (err) {
        this.o.logger.error({ err }, "attachment fetcher: cannot read pending files; retrying");
      }
      if (!this.running) break;
      if (handled > 0 || pokes !== this.pokes) continue;
      const waiters = this.idleWaiters.splice(0);
      for (const w of waiters) w();
      let wait = poll;
      try {
        const next = await nextAttachmentDue(this.o.db.prisma);
        if (next) wait = Math.min(poll, Math.max(50, next.storeNextAt.getTime() - this.o.clock.now().getTime()));
      } catch {
        // the next poll tries again
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wakeUp = undefined;
          resolve();
        }, wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits `ms` (pacing, not domain time); a stop ends the wait at once. Wake-ups meanwhile are counted, not lost. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        if (this.running) return; // a poke: the look after the pause sees it (this.pokes changed)
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Fetches what is due; returns how many files were handled (stored, retried later or refused). */
  async runOnce(): Promise<number> {
    const now = this.o.clock.now();
    const rows = await dueAttachments(this.o.db.prisma, now);
    let handled = 0;
    for (const row of rows) {
      if (!this.running && this.loopDone) break;
      const platform = this.o.platforms[row.platform];
      if (!platform?.downloadFile) {
        // The platform is not connected in this process (yet): look again later, without counting an attempt.
        await markAttachmentRetry(this.o.db.prisma, row.id, {
          attempts: row.storeAttempts,
          nextAt: new Date(now.getTime() + (this.o.pollIntervalMs ?? 30_000)),
          error: `${row.platform} is not connected`,
        });
        continue;
      }
      handled++;
      const attempts = row.storeAttempts + 1;
      const limit = Math.min(this.o.maxBytes, platform.maxDownloadBytes);
      const tooLarge = `larger than ${formatMegabytes(limit)}`;
      if (row.size !== null && row.size > limit) {
        await markAttachmentFailed(this.o.db.prisma, row.id, "too_large", { attempts, error: tooLarge });
        this.stats.tooLarge++;
        continue;
      }
      try {
        const bytes = await platform.downloadFile(row.fileId);
        if (bytes.byteLength > limit) {
          await markAttachmentFailed(this.o.db.prisma, row.id, "too_large", { attempts, error: tooLarge });
          this.stats.tooLarge++;
          continue;
        }
        const stored = await storeContent(this.o.dataDir, "attachments", bytes, row.fileName, row.mime);
        await markAttachmentStored(this.o.db.prisma, row.id, {
          storedPath: stored.path,
          sha256: stored.sha256,
          size: bytes.byteLength,
          now: this.o.clock.now(),
        });
        this.stats.stored++;
      } catch (err) {
        const reason = redactSecrets((err as Error)?.message ?? String(err)).slice(0, 300);
        if (TOO_LARGE.test(reason)) {
          await markAttachmentFailed(this.o.db.prisma, row.id, "too_large", { attempts, error: tooLarge });
          this.stats.tooLarge++;
          continue;
        }
        const max = this.o.maxAttempts ?? 10;
        if (attempts >= max) {
          await markAttachmentFailed(this.o.db.prisma, row.id, "failed", { attempts, error: reason });
          this.stats.failed++;
          this.o.logger.warn({ attachment: row.id, reason }, "a received file could not be downloaded; giving up");
          continue;
        }
        const b = this.o.backoff ?? { baseMs: 5_000, maxMs: 30 * 60_000 };
        const delay = Math.min(b.maxMs, b.baseMs * 2 ** (attempts - 1));
        await markAttachmentRetry(this.o.db.prisma, row.id, { attempts, nextAt: new Date(now.getTime() + delay), error: reason });
        this.stats.retries++;
        this.o.logger.info({ attachment: row.id, attempt: attempts, delayMs: delay, reason }, "file download failed; will retry");
      }
    }
    return handled;
  }
}
