/**
 * The sandbox's clock: real time moved by an offset, so a trainer can "jump to" the week before a deadline
 * and the scheduler of the sandbox (and only it) sees that day. The offset is kept in a small file, so a
 * restart resumes at the same sandbox time. Real platforms always run on the system clock.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Clock } from "../../domain/time/clock.js";

export class SandboxClock implements Clock {
  private offsetMs: number;

  constructor(
    private readonly file: string,
    /** the real time (tests pass a fixed one) */
    private readonly real: () => number = Date.now,
  ) {
    this.offsetMs = readOffset(file);
  }

  now(): Date {
    return new Date(this.real() + this.offsetMs);
  }

  /** the sandbox time minus the real time */
  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the sandbox's time to `at` (forwards or back); time then runs on from there. */
  jumpTo(at: Date): void {
    this.offsetMs = at.getTime() - this.real();
    mkdirSync(path.dirname(this.file), { recursive: true });
    // Written aside and renamed, so a crash never leaves half a file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ offsetMs: this.offsetMs })}\n`);
    renameSync(tmp, this.file);
  }
}

function readOffset(file: string): number {
  try {
    const v = (JSON.parse(readFileSync(file, "utf8")) as { offsetMs?: unknown }).offsetMs;
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  } catch {
    // No file yet (a fresh sandbox) or an unreadable one: real time.
    return 0;
  }
}
