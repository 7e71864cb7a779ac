/**
 * Outbound texts for the Zalo Bot Platform: plain text (its sendMessage takes no markup), with choices as
 * a numbered list and a hint under it, links as "label: url".
 */
import type { MenuChoice } from "../../db/menus.js";
import { common } from "../../i18n/vi/common.js";
import { zaloBot } from "../../i18n/vi/zalo-bot.js";
import type { Choice } from "../../messaging/outbound.js";
import { htmlToPlainText } from "../../text/html.js";

export interface RenderedText {
  text: string;
  /** the numbered actions, in order, to remember for a typed number */
  menu: MenuChoice[];
}

export function renderText(markup: string, choices?: Choice[][] | null): RenderedText {
  const body = htmlToPlainText(markup).trimEnd();
  const flat = (choices ?? []).flat();
  if (flat.length === 0) return { text: body, menu: [] };
  const menu: MenuChoice[] = [];
  const lines: string[] = [];
  for (const c of flat)
    if (c.kind === "action") {
      menu.push({ label: c.label, data: c.data });
      lines.push(`${menu.length}. ${c.label}`);
    }
  for (const c of flat) if (c.kind === "url") lines.push(zaloBot.linkChoice(c.label, c.url));
  // The flow engine re-sends a bare list with its own hint after a wrong answer; the list brings ours.
  const lead = body.trim() === common.replyNumberHint() ? "" : body;
  let text = lead ? `${lead}\n\n${lines.join("\n")}` : lines.join("\n");
  if (menu.length > 0) text += `\n${zaloBot.choiceHint()}`;
  return { text, menu };
}
