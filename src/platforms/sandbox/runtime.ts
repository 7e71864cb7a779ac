/**
 * The sandbox while the service runs: a second app instance (the same dispatcher, flows, outbox, scheduler
 * and console as the real one) on the sandbox's own database, clock and store, with the sandbox as its only
 * chat platform. The service's console serves the sandbox's page and asks this object to act; a reset
 * stops that instance, deletes its folder and starts a fresh demo council.
 */
import { EventEmitter } from "node:events";
import { rmSync } from "node:fs";
import path from "node:path";
import type { Config } from "../../config.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logging/logger.js";
import type { SandboxAdapter } from "./adapter.js";
import { SandboxClock } from "./clock.js";
import type { SandboxParts } from "./platform.js";
import { seedSandbox } from "./seed.js";
import { SandboxStore, type StoreChange } from "./store.js";

/** What the runtime needs of the app instance it runs (built by the composition root). */
export interface SandboxApp {
  start(): Promise<void>;
  stop(): Promise<void>;
  scheduler: { tickNow(now?: Date): Promise<unknown> };
  webUrl: string | undefined;
}

export interface SandboxRuntimeOptions {
  /** the sandbox's own config (see sandboxConfig): its database, data folder and console port */
  config: Config;
  logger: Logger;
  /** opens (creating and migrating) the sandbox's database, for seeding before the app starts */
  openDatabase(): Promise<Database>;
  /** builds the app instance with the sandbox as its platform, on the sandbox's clock */
  buildApp(clock: SandboxClock, parts: SandboxParts): Promise<SandboxApp>;
}

export class SandboxRuntime extends EventEmitter<{ change: [StoreChange] }> {
  private current: { store: SandboxStore; clock: SandboxClock; adapter: SandboxAdapter; app: SandboxApp } | undefined;
  /** one start, stop, reset or jump at a time */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: SandboxRuntimeOptions) {
    super();
    this.setMaxListeners(0);
  }

  /** the sandbox's folder: its database, store, clock file and files */
  get dir(): string {
    return this.o.config.dataDir;
  }

  get timezone(): string {
    return this.o.config.timezone;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private parts() {
    const c = this.current;
    if (!c) throw new Error("the sandbox is not running");
    return c;
  }

  get store(): SandboxStore {
    return this.parts().store;
  }
  get clock(): SandboxClock {
    return this.parts().clock;
  }
  get adapter(): SandboxAdapter {
    return this.parts().adapter;
  }
  /** where the sandbox's own console listens */
  get consoleUrl(): string | undefined {
    return this.current?.app.webUrl;
  }
  get running(): boolean {
    return this.current !== undefined;
  }

  start(): Promise<void> {
    return this.serial(() => this.startNow());
  }

  stop(): Promise<void> {
    return this.serial(() => this.stopNow());
  }

  /** Back to the demo council: everything the sandbox holds is deleted, then seeded again. */
  reset(): Promise<void> {
    return this.serial(async () => {
      await this.stopNow();
      rmSync(this.dir, { recursive: true, force: true });
      await this.startNow();
      this.emit("change", { all: true });
    });
  }

  /** Moves the sandbox's time and runs its reminders and digests at once, as the next tick would. */
  jumpTo(at: Date): Promise<void> {
    return this.serial(async () => {
      const c = this.parts();
      c.clock.jumpTo(at);
      await c.app.scheduler.tickNow();
      this.emit("change", { all: true });
    });
  }

  private async startNow(): Promise<void> {
    if (this.current) return;
    const store = new SandboxStore(this.dir);
    const clock = new SandboxClock(path.join(this.dir, "clock.json"));
    if (store.meta("seeded") === null) {
      const db = await this.o.openDatabase();
      try {
        await seedSandbox(db, this.o.config, store, clock);
      } finally {
        await db.close();
      }
      this.o.logger.info({ dir: this.dir }, "sandbox: demo council created");
    }
    let adapter: SandboxAdapter | undefined;
    let app: SandboxApp | undefined;
    try {
      app = await this.o.buildApp(clock, {
        store: () => store,
        onAdapter: (a) => {
          adapter = a;
        },
      });
      if (!adapter) throw new Error("the sandbox platform was not built");
      store.on("change", (c) => this.emit("change", c));
      await app.start();
    } catch (err) {
      // Half started (its console's port taken): leave nothing open behind.
      await app?.stop().catch(() => undefined);
      store.removeAllListeners();
      store.close();
      throw err;
    }
    this.current = { store, clock, adapter, app };
  }

  private async stopNow(): Promise<void> {
    const c = this.current;
    if (!c) return;
    this.current = undefined;
    await c.app.stop();
    c.store.removeAllListeners();
    c.store.close();
  }
}
