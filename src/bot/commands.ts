/**
 * A chat command as the files in commands/ declare it. Permissions are checked here in the core from the
 * declaration, never in a platform adapter.
 */
import type { Role } from "../domain/vocabulary.js";
import type { BotContext } from "./context.js";
import type { UserEvent } from "../messaging/events.js";

export type CommandAudience = "everyone" | "linked" | readonly Role[];

export interface CommandDefinition {
  /** the Vietnamese name typed after "/" (without diacritics, as Telegram requires) */
  name: string;
  /** English and other spellings */
  aliases: readonly string[];
  /** one line in Vietnamese for menus and /trogiup */
  description: string;
  /** who may use it */
  audience: CommandAudience;
  /** where it may be used */
  where: readonly ("private" | "group")[];
  /**
   * in a group, only in groups of the person's own council registered for these purposes (e.g. the standing
   * committee's group): what it shows is not for a commune's group, another council's or an unregistered one
   */
  groupPurposes?: readonly string[];
  /** shown in the platform's command menu for the roles that may use it */
  menu: boolean;
  /** the flow this command starts, if any (used to ask before abandoning another flow) */
  flow?: string;
  /** may be reached from a group through a deep link: `/start <name>` in private runs this command */
  deepLink?: boolean;
  /** listed in help and menus only for people not linked yet (linking itself: a linked person has no use for it) */
  unlinkedOnly?: boolean;
  run(ctx: BotContext<Extract<UserEvent, { type: "command" }>>, args: string): Promise<void>;
}

export class CommandRegistry {
  private readonly byName = new Map<string, CommandDefinition>();
  readonly all: CommandDefinition[] = [];

  constructor(definitions: readonly CommandDefinition[]) {
    for (const d of definitions) {
      for (const n of [d.name, ...d.aliases]) {
        if (this.byName.has(n)) throw new Error(`command /${n} declared twice`);
        this.byName.set(n, d);
      }
      this.all.push(d);
    }
  }

  find(name: string): CommandDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Commands a person with this role may use (for menus and help). */
  forRole(role: Role | null): CommandDefinition[] {
    return this.all.filter((d) => allows(d.audience, role) && !(role !== null && d.unlinkedOnly));
  }

  /** The menu a person sees in private chat: name and description of each command they may use there. */
  menuFor(role: Role | null): { command: string; description: string }[] {
    return this.forRole(role)
      .filter((d) => d.menu && d.where.includes("private"))
      .map((d) => ({ command: d.name, description: d.description }));
  }
}

export function allows(audience: CommandAudience, role: Role | null): boolean {
  if (audience === "everyone") return true;
  if (role === null) return false;
  if (audience === "linked") return true;
  return role === "admin" || audience.includes(role);
}
