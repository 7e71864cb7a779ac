import { yearHintsOf } from "./src/notices/parsing/deadline-resolution.js";
import { explainDeadlines } from "./src/notices/parsing/deadlines.js";
import { normalizeText } from "./src/notices/parsing/normalize.js";
const ISSUED = { y: 2022, m: 5, d: 10 };
for (const sentence of process.argv.slice(2)) {
  const clean = normalizeText(sentence).clean;
  const doc = { resolve: { issued: ISSUED, reference: null, referenceKind: null, yearHints: yearHintsOf(clean) }, documentDate: ISSUED };
  console.log(sentence.slice(0,70), JSON.stringify(explainDeadlines(clean, { start: 0, end: clean.length }, doc as any).map(c => [clean.slice(c.hit.start, c.hit.end), c.hit.pattern, c.rejectedBy, c.resolution.due])));
}
