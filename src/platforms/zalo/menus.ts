/**
 * Numbered menus the bot sent on Zalo, kept in the database (db/menus.ts) so a reply that quotes one of
 * them, even after a restart, maps "2" or the words of an item to that item's data.
 */
import type { Database } from "../../db/client.js";
import { findMenu, saveMenu, type MenuChoice } from "../../db/menus.js";
import type { Clock } from "../../domain/time/clock.js";

export interface MenuStore {
  save(chatExternalId: string, messageId: string, choices: MenuChoice[]): Promise<void>;
  find(chatExternalId: string, messageId: string): Promise<MenuChoice[] | null>;
}

export function databaseMenuStore(db: Database, clock: Clock): MenuStore {
  return {
    save: (chatExternalId, messageId, choices) => saveMenu(db.prisma, "zalo", chatExternalId, messageId, choices, clock.now()),
    find: (chatExternalId, messageId) => findMenu(db.prisma, "zalo", chatExternalId, messageId),
  };
}

/** For tests and tools: menus kept in memory. */
export function memoryMenuStore(): MenuStore & { readonly size: number } {
  const menus = new Map<string, MenuChoice[]>();
  return {
    async save(chat, id, choices) {
      menus.set(`${chat}:${id}`, choices);
    },
    async find(chat, id) {
      return menus.get(`${chat}:${id}`) ?? null;
    },
    get size() {
      return menus.size;
    },
  };
}
