/**
 * Score the notice parser against the hand annotations in test/fixtures/notices.
 *
 *   npx tsx scripts/eval-notices.ts [--quiet]
 *
 * A found task matches an annotated one when due and due_rule are equal and the quotes overlap
 * (one-to-one, greedy in text order). Prints per-file mismatches, then deadline recall and
 * precision, assignee-scope accuracy over matched tasks, header accuracy (number, issued_on), and
 * the CPU time of one parse of a ~10-page notice. Always exits 0; the last line says whether the
 * targets are met.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseNotice } from "../src/notices/parsing/index.js";
import type { ParsedTask } from "../src/notices/parsing/types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "notices");
const SETS: { json: string; dir: string }[] = [
  { json: "seed.json", dir: "." },
  { json: "real.json", dir: "real" },
  { json: "synthetic.json", dir: "synthetic" },
];

const TARGETS = { recall: 0.9, precision: 0.9, scope: 0.85, parseMs: 50 };

interface AnnotatedTask {
  quote: string;
  assignee: string | null;
  assignee_scope: string;
  due: string | null;
  due_rule: string;
  recurrence: string | null;
}

interface Annotation {
  file: string;
  number: string | null;
  issued_on: string | null;
  tasks: AnnotatedTask[];
}

const quiet = process.argv.includes("--quiet");
const log = (s = "") => {
  if (!quiet) console.log(s);
};
const short = (s: string, n = 110) => {
  const t = s.replace(/\s+/g, " ");
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);

let annotatedTotal = 0;
let foundTotal = 0;
let matchedTotal = 0;
let scopeCorrect = 0;
let numberCorrect = 0;
let issuedCorrect = 0;
let files = 0;
const texts: string[] = [];

for (const set of SETS) {
  const annotations = JSON.parse(readFileSync(path.join(FIXTURES, set.json), "utf8")) as Annotation[];
  for (const ann of annotations) {
    files++;
    const text = readFileSync(path.join(FIXTURES, set.dir, ann.file), "utf8");
    texts.push(text);
    const source = text
      .normalize("NFC")
      .replace(/^\ufeff/, "")
      .replace(/\r\n?/g, "\n");
    const parsed = parseNotice(text);
    const problems: string[] = [];

    if (parsed.number === ann.number) numberCorrect++;
    else problems.push(`number: expected ${ann.number}, got ${parsed.number}`);
    if (parsed.issued_on === ann.issued_on) issuedCorrect++;
    else problems.push(`issued_on: expected ${ann.issued_on}, got ${parsed.issued_on}`);

    const used = new Set<number>();
    const matchedFound = new Set<ParsedTask>();
    for (const a of ann.tasks) {
      const aStart = source.indexOf(a.quote);
      const aEnd = aStart + a.quote.length;
      const idx = parsed.tasks.findIndex(
        (f, i) =>
          !used.has(i) && f.due === a.due && f.due_rule === a.due_rule && aStart >= 0 && f.quote_start < aEnd && f.quote_end > aStart,
      );
      if (idx < 0) {
        problems.push(`MISSED  ${a.due_rule} ${a.due} [${a.assignee_scope}] “${short(a.quote)}”`);
        continue;
      }
      used.add(idx);
      const f = parsed.tasks[idx]!;
      matchedFound.add(f);
      matchedTotal++;
      if (f.assignee_scope === a.assignee_scope) scopeCorrect++;
      else
        problems.push(
          `SCOPE   expected ${a.assignee_scope} (${a.assignee}), got ${f.assignee_scope} (${f.assignee}) “${short(a.quote, 70)}”`,
        );
    }
    parsed.tasks.forEach((f, i) => {
      if (!used.has(i))
        problems.push(`EXTRA   ${f.due_rule} ${f.due} [${f.assignee_scope}] “${short(f.quote)}” (phrase “${f.deadline_phrase}”)`);
    });
    annotatedTotal += ann.tasks.length;
    foundTotal += parsed.tasks.length;
    log(
      `${problems.length === 0 ? "ok  " : "DIFF"} ${set.dir === "." ? "" : `${set.dir}/`}${ann.file}: ${ann.tasks.length} annotated, ${parsed.tasks.length} found`,
    );
    for (const p of problems) log(`       ${p}`);
  }
}

// ---- CPU time for a ~10-page notice (~30,000 characters) built from the corpus texts
let big = "";
for (let k = 0; big.length < 30_000; k++) big += (big ? "\n\n" : "") + texts[k % texts.length];
big = big.slice(0, 30_000);
for (let i = 0; i < 5; i++) parseNotice(big); // warm-up (JIT, regex compilation)
const runs = 40;
const before = process.cpuUsage();
let bigTasks = 0;
for (let i = 0; i < runs; i++) bigTasks = parseNotice(big).tasks.length;
const used = process.cpuUsage(before);
const parseMs = (used.user + used.system) / 1000 / runs;

const recall = annotatedTotal ? matchedTotal / annotatedTotal : 0;
const precision = foundTotal ? matchedTotal / foundTotal : 0;
const scope = matchedTotal ? scopeCorrect / matchedTotal : 0;

console.log("");
console.log(`files: ${files}; annotated tasks: ${annotatedTotal}; found: ${foundTotal}; matched: ${matchedTotal}`);
console.log(`deadline recall:    ${pct(matchedTotal, annotatedTotal)} (target ≥ ${TARGETS.recall * 100}%)`);
console.log(`deadline precision: ${pct(matchedTotal, foundTotal)} (target ≥ ${TARGETS.precision * 100}%)`);
console.log(`assignee scope accuracy (matched tasks): ${pct(scopeCorrect, matchedTotal)} (target ≥ ${TARGETS.scope * 100}%)`);
console.log(`header accuracy: number ${pct(numberCorrect, files)}, issued_on ${pct(issuedCorrect, files)}`);
console.log(
  `parse CPU time, ${big.length} characters (~10 pages, ${bigTasks} tasks): ${parseMs.toFixed(2)} ms per parse over ${runs} runs (target < ${TARGETS.parseMs} ms)`,
);
const met = recall >= TARGETS.recall && precision >= TARGETS.precision && scope >= TARGETS.scope && parseMs < TARGETS.parseMs;
console.log(met ? "TARGETS MET" : "TARGETS MISSED");
