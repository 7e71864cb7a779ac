/**
 * Running the `council` program with a given set of command groups. `main.ts` passes all of them; the
 * fast entry (`lazy.ts`, used by bin/council.mjs) passes only the group the command line names, so one
 * command does not load the libraries of all the others.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.js";
import { DatabaseError } from "../db/errors.js";
import { redactSecrets } from "../logging/logger.js";
import { CliError, createCliContext, type CliContext } from "./context.js";

export type CommandRegistrar = (program: Command, ctx: () => CliContext) => void;

export function buildProgramWith(registrars: readonly CommandRegistrar[], getCtx: () => CliContext): Command {
  const program = new Command("council")
    .description("Operator tools for the HĐND council bot: database, directory, invites, groups, notices, tasks.")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const register of registrars) register(program, getCtx);
  return program;
}

export async function runWith(
  registrars: readonly CommandRegistrar[],
  argv: string[],
  /** the environment to configure from; config.ts reads the process's own when not given */
  env?: NodeJS.ProcessEnv,
  out?: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  let ctx: CliContext | undefined;
  const getCtx = () => (ctx ??= createCliContext(env, out));
  const program = buildProgramWith(registrars, getCtx);
  const output = {
    writeErr: (s: string) => err(s.trimEnd()),
    // A missing or unknown argument reads like every other problem: "Error: ...", exit code 1.
    outputError: (s: string, write: (s: string) => void) => write(s.replace(/^error: /, "Error: ")),
    ...(out ? { writeOut: (s: string) => out(s.trimEnd()) } : {}),
  };
  // Subcommands copied the program's settings when they were added: each gets the same output.
  const configure = (c: Command): void => {
    c.configureOutput(output);
    for (const sub of c.commands) configure(sub);
  };
  configure(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof CliError) {
      err(`Error: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof ConfigError || e instanceof DatabaseError) {
      err(`Error: ${redactSecrets(e.message)}`);
      return 1;
    }
    err(`Error: ${redactSecrets((e as Error)?.message ?? String(e))}`);
    ctx?.logger.error({ err: e }, "CLI command failed");
    return 1;
  } finally {
    await ctx?.close().catch(() => undefined);
  }
}
