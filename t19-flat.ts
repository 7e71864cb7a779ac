import { readFileSync, readdirSync } from "node:fs";
import { parseNotice } from "./src/notices/parsing/index.js";
for (const [json, dir] of [["seed.json","."],["real.json","real"],["synthetic.json","synthetic"]]) {
  const anns = JSON.parse(readFileSync(`test/fixtures/notices/${json}`,"utf8"));
  for (const a of anns) {
    const raw = readFileSync(`test/fixtures/notices/${dir}/${a.file}`,"utf8");
    const flat = raw.replace(/\n[ \t]*\n+/g,"\n").trim();
    const p1 = parseNotice(raw), p2 = parseNotice(flat);
    const k = (p:any)=>p.tasks.map((t:any)=>`${t.due}:${t.due_rule}:${t.assignee_scope}`).join(",");
    if (k(p1)!==k(p2) || p1.title!==p2.title || p1.number!==p2.number || p1.issued_on!==p2.issued_on) console.log(a.file, "\n  ", p1.title, "|", k(p1), "\n  ", p2.title, "|", k(p2), p1.number, p2.number, p1.issued_on, p2.issued_on);
  }
}
