/**
 * npm run fuzz -- --n 1000 --seed 7 [--faults]
 *
 * Runs the seeded fuzzer (test/fuzz/fuzzer.ts) against the real app and the fake Bot API: N random steps
 * (texts, long texts, commands with odd arguments, button presses, forged buttons, odd files, photos), then
 * checks the invariants. Prints what it did and every problem; exits 1 if there is any. The same seed
 * replays the same steps.
 */
import { parseArgs } from "node:util";
import { runFuzz } from "../test/fuzz/fuzzer.js";

const { values } = parseArgs({
  options: { n: { type: "string", default: "500" }, seed: { type: "string", default: "1" }, faults: { type: "boolean", default: false } },
});
const n = Number(values.n);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
  console.error("Usage: npm run fuzz -- --n N --seed S [--faults]");
  process.exit(2);
}
const report = await runFuzz({ n, seed, faults: values.faults, log: (l) => console.error(l) });
console.log(
  JSON.stringify(
    {
      seed,
      steps: report.steps,
      updates: report.updates,
      messagesSent: report.messagesSent,
      seconds: report.seconds,
      byAction: report.byAction,
    },
    null,
    2,
  ),
);
if (report.problems.length > 0) {
  console.log(`\n${report.problems.length} problem(s):`);
  for (const p of report.problems) console.log(`- ${p}`);
  process.exit(1);
}
console.log("no problem found");
process.exit(0);
