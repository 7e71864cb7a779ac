/**
 * Who gets the next sending slot when replies and notices both wait. Replies to people go first (a person
 * is waiting for them), but not always: on Zalo the whole account sends one message a second, and a
 * stranger writing privately every second would otherwise take every slot, holding back every notice and
 * reminder. So the two classes alternate: after `repliesPerOther` replies in a row, the oldest waiting
 * notice, reminder or digest goes next. Within a class the order is unchanged (priority, then oldest).
 */
import { PRIORITY } from "./outbox.js";

export const isReply = (priority: number): boolean => priority >= PRIORITY.interactive;

export class FairShare {
  private repliesInARow = 0;

  constructor(readonly repliesPerOther = 1) {}

  /** The order in which to try the ready chats, by their first message's priority and id. */
  order<T extends { priority: number; id: number }>(ready: readonly T[]): T[] {
    const byAge = (a: T, b: T) => b.priority - a.priority || a.id - b.id;
    const replies = ready.filter((r) => isReply(r.priority)).sort(byAge);
    const others = ready.filter((r) => !isReply(r.priority)).sort(byAge);
    const out: T[] = [];
    let inARow = this.repliesInARow;
    while (replies.length > 0 && others.length > 0) {
      if (inARow < this.repliesPerOther) {
        out.push(replies.shift()!);
        inARow++;
      } else {
        out.push(others.shift()!);
        inARow = 0;
      }
    }
    return [...out, ...replies, ...others];
  }

  /** Called for each message launched, in launch order. */
  launched(priority: number): void {
    this.repliesInARow = isReply(priority) ? this.repliesInARow + 1 : 0;
  }
}
