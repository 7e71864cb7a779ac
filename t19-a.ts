import { parseNotice } from "./src/notices/parsing/index.js";
import { noticeText } from "./test/notice-parsing/helpers.js";
const bodies = process.argv.slice(2);
for (const b of bodies) {
  const p = parseNotice(noticeText(b));
  console.log(b.slice(0,80), "\n   ", JSON.stringify(p.tasks.map(t=>[t.due,t.due_rule,t.assignee,t.assignee_scope,t.assignee_source])), p.unread_deadline_phrases);
}
