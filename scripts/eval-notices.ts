/**
 * Score the notice parser against hand-annotated documents.
 *
 *   npm run eval:notices                         the project's corpus (test/fixtures/notices), per set
 *   npm run eval:notices -- --dir FOLDER         any folder of annotated documents (README: "Checking
 *                                                the parser on your own documents")
 *   options: --match REGEX   only documents whose path in the folder matches (e.g. a held-out half)
 *            --quiet         scores only, no per-file lines
 *            --no-bench      skip the CPU measurement
 *
 * Prints, per file, what differs (MISSED, EXTRA, SCOPE, header fields), then per set and overall:
 * deadline recall and precision, assignee-scope accuracy over matched tasks, header accuracy, and
 * the CPU time of one parse of a ~10-page notice. Exits 0 whatever the scores (it measures); exits
 * 2 when the folder or its annotations cannot be read.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AnnotationError, readAnnotatedFolder } from "../src/notices/evaluation/annotated-folder.js";
import { type Totals, addScore, describeTotals, emptyTotals, pct, rates, scoreFile, sumTotals } from "../src/notices/evaluation/score.js";
import { parseNotice } from "../src/notices/parsing/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGETS = { recall: 0.9, precision: 0.9, scope: 0.85, parseMs: 50 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quiet = process.argv.includes("--quiet");
const bench = !process.argv.includes("--no-bench");
const folder = path.resolve(arg("--dir") ?? path.join(ROOT, "test", "fixtures", "notices"));
const match = arg("--match") ? new RegExp(arg("--match")!, "u") : null;
const log = (s = "") => {
  if (!quiet) console.log(s);
};

let docs: Awaited<ReturnType<typeof readAnnotatedFolder>>;
try {
  docs = await readAnnotatedFolder(folder);
} catch (e) {
  if (e instanceof AnnotationError || (e as NodeJS.ErrnoException).code === "ENOENT") {
    console.error(`Error: ${(e as Error).message}`);
    process.exit(2);
  }
  throw e;
}
if (match) docs = docs.filter((d) => match.test(d.relativePath));

const perSet = new Map<string, Totals>();
const unreadable: string[] = [];
const texts: string[] = [];
for (const d of docs) {
  if (d.text === null) {
    unreadable.push(`${d.relativePath}: ${d.error}`);
    log(`SKIP ${d.relativePath}: ${d.error}`);
    continue;
  }
  texts.push(d.text);
  const s = scoreFile(d.annotation, d.text, parseNotice(d.text));
  perSet.set(d.set, addScore(perSet.get(d.set) ?? emptyTotals(), s));
  log(`${s.problems.length === 0 ? "ok  " : "DIFF"} ${d.relativePath}: ${s.annotated} annotated, ${s.found} found`);
  for (const p of s.problems) log(`       ${p}`);
}

const total = sumTotals([...perSet.values()]);
console.log("");
console.log(`folder: ${path.relative(process.cwd(), folder) || "."}${match ? ` (files matching /${match.source}/)` : ""}`);
for (const [set, t] of perSet) console.log(`  ${set.padEnd(10)} ${String(t.files).padStart(3)} files: ${describeTotals(t)}`);
console.log(`  ${"all".padEnd(10)} ${String(total.files).padStart(3)} files: ${describeTotals(total)}`);
if (unreadable.length > 0) console.log(`  not read: ${unreadable.length} (${unreadable.join("; ")})`);
const r = rates(total);
console.log(`deadline recall:    ${pct(total.matched, total.annotated)} (target ≥ ${TARGETS.recall * 100}%)`);
console.log(`deadline precision: ${pct(total.matched, total.found)} (target ≥ ${TARGETS.precision * 100}%)`);
console.log(`assignee scope accuracy (matched tasks): ${pct(total.scopeCorrect, total.matched)} (target ≥ ${TARGETS.scope * 100}%)`);

let parseMs = 0;
if (bench && texts.length > 0) {
  // CPU time for a ~10-page notice (~30,000 characters) built from the texts
  let big = "";
  for (let k = 0; big.length < 30_000; k++) big += (big ? "\n\n" : "") + texts[k % texts.length];
  big = big.slice(0, 30_000);
  const cpuMs = (text: string, runs: number) => {
    for (let i = 0; i < 5; i++) parseNotice(text); // warm-up (JIT, regex compilation)
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i++) parseNotice(text);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / runs;
  };
  const bigTasks = parseNotice(big).tasks.length;
  parseMs = cpuMs(big, 40);
  console.log(
    `parse CPU time, ${big.length} characters (~10 pages, ${bigTasks} tasks): ${parseMs.toFixed(2)} ms per parse over 40 runs (target < ${TARGETS.parseMs} ms)`,
  );
  // the same length in the shapes that are hardest for the rules: pasted from Word (no blank lines),
  // one sentence of many commas, a schedule of a thousand entries
  const shapes: [string, string][] = [
    ["pasted, single line breaks", big.replace(/\n[ \t]*\n+/g, "\n")],
    [
      "one sentence of many commas",
      `${"Thực hiện Nghị quyết số 30/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh, các sở, ngành, địa phương, ".repeat(400).slice(0, 29_950)} báo cáo trước ngày 20/5/2022.`,
    ],
    ["a schedule in one sentence", "Ngày 12/5 hoàn thiện dự thảo, ngày 15/5 gửi xin ý kiến; ".repeat(600).slice(0, 30_000)],
  ];
  for (const [label, text] of shapes) {
    const ms = cpuMs(text, 10);
    parseMs = Math.max(parseMs, ms);
    console.log(`  ${label}: ${ms.toFixed(2)} ms`);
  }
}
const met =
  (r.recall ?? 0) >= TARGETS.recall &&
  (r.precision ?? 0) >= TARGETS.precision &&
  (r.scope ?? 0) >= TARGETS.scope &&
  (!bench || parseMs < TARGETS.parseMs);
console.log(met ? "TARGETS MET" : "TARGETS MISSED");
