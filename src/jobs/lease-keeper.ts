/**
 * Runs a part of the service (a platform's sender, the Zalo session, Telegram polling, the file fetcher) in
 * one instance at a time when several instances share a PostgreSQL database. The holder renews its lease
 * every few seconds; the others try to take it as often, so when the holder dies another instance starts the
 * part within ttl + retry (10 + 2 s by default, under the 15 s promised in the README). A holder that finds
 * its lease taken (it was paused longer than the ttl) stops the part at once: two senders never share a
 * platform account's rate limits.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { acquireLease, releaseLease } from "../db/leases.js";
import type { Clock } from "../domain/time/clock.js";

export interface LeasedPart {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaseKeeperOptions {
  db: Database;
  name: string;
  holder: string;
  clock: Clock;
  logger: Logger;
  part: LeasedPart;
  ttlMs?: number;
  renewEveryMs?: number;
  retryEveryMs?: number;
}

/** This process's name in leases: readable in the table, unique per process start. */
export const instanceId = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

export class LeaseKeeper implements LeasedPart {
  private holding = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<void> = Promise.resolve();
  private readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private readonly retryEveryMs: number;

  constructor(private readonly o: LeaseKeeperOptions) {
    this.ttlMs = o.ttlMs ?? 10_000;
    this.renewEveryMs = o.renewEveryMs ?? 3_000;
    this.retryEveryMs = o.retryEveryMs ?? 2_000;
  }

  get isHolder(): boolean {
    return this.holding;
  }

  /** Tries once at once (so a lone instance starts its part before start() resolves), then keeps trying. */
  async start(): Promise<void> {
    this.running = true;
    await this.step();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
    if (this.holding) {
      this.holding = false;
      await this.o.part.stop();
      await releaseLease(this.o.db.prisma, this.o.name, this.o.holder).catch((err) =>
        this.o.logger.warn({ err, lease: this.o.name }, "could not release the lease; it expires on its own"),
      );
    }
  }

  private step(): Promise<void> {
    this.busy = this.tick().finally(() => {
      if (this.running) this.timer = setTimeout(() => void this.step(), this.holding ? this.renewEveryMs : this.retryEveryMs);
    });
    return this.busy;
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    let held: boolean;
    try {
      held = await acquireLease(this.o.db.prisma, this.o.name, this.o.holder, this.o.clock.now(), this.ttlMs);
    } catch (err) {
      // The database is out of reach: keep what we have; the lease expires for others if this lasts.
      this.o.logger.warn({ err, lease: this.o.name }, "could not renew or take the lease");
      return;
    }
    if (held && !this.holding) {
      this.holding = true;
      this.o.logger.info({ lease: this.o.name, holder: this.o.holder }, "lease taken: this instance runs the part");
      await this.o.part.start();
    } else if (!held && this.holding) {
      this.holding = false;
      this.o.logger.warn({ lease: this.o.name }, "lease lost to another instance: stopping the part");
      await this.o.part.stop();
    }
  }
}
