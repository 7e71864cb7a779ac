/**
 * What every CLI command needs: validated config, a logger on stderr, the database (migrated on open),
 * and the council this instance serves. Opened lazily so `--help` never touches the disk.
 */
import { loadConfig, type Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { findCouncil, type CouncilRow } from "../db/councils.js";
import { createLogger, type Logger } from "../logging/logger.js";
import { systemClock, type Clock } from "../domain/time/clock.js";
// Registers every platform's capabilities: the CLI enqueues messages and checks group ids too.
import "../platforms/capabilities.js";

/** An error the CLI prints as one line and exits with code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export interface CliContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  out: (line: string) => void;
  db(): Promise<Database>;
  council(): Promise<CouncilRow>;
  close(): Promise<void>;
}

export function createCliContext(
  /** the environment to configure from; config.ts reads the process's own when not given */
  env?: NodeJS.ProcessEnv,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): CliContext {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel === "info" ? "warn" : config.logLevel });
  let database: Promise<Database> | undefined;
  const ctx: CliContext = {
    config,
    logger,
    clock: systemClock,
    out,
    db() {
      database ??= openDatabase(config.database);
      return database;
    },
    async council() {
      const lookup = await findCouncil((await ctx.db()).prisma, config.councilCode);
      if (lookup.ok) return lookup.council;
      if (lookup.reason === "none")
        throw new CliError(
          'There is no council in the database yet. Run `council init --code CODE --name "HĐND ..."` or `council seed demo`.',
        );
      if (lookup.reason === "not_found")
        throw new CliError(
          `COUNCIL_CODE is "${lookup.code}" but no council has that code. Check COUNCIL_CODE or create it with \`council init\`.`,
        );
      throw new CliError("The database holds several councils. Set COUNCIL_CODE to the one this instance serves.");
    },
    async close() {
      if (database) await (await database).close();
    },
  };
  return ctx;
}

/** Prints rows as an aligned text table (the human format; --json is the machine format). */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => c + " ".repeat(widths[i]! - [...c].length))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
