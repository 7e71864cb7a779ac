/**
 * A short, fixed-seed run of the fuzzer in CI (issue 20): 200 random steps against the real app and the
 * fake Bot API, with the fake's faults on. `npm run fuzz -- --n N --seed S [--faults]` runs longer ones.
 */
import { describe, expect, it } from "vitest";
import { runFuzz } from "./fuzzer.js";

describe("the fuzzer", () => {
  it("200 random steps (seed 20, faults on): every update handled, every invariant holds", async () => {
    const report = await runFuzz({ n: 200, seed: 20, faults: true });
    expect(report.updates).toBe(200);
    // the run really exercised flows, files and forged buttons
    for (const action of ["command", "text", "file", "press", "forged-button"]) expect(report.byAction[action] ?? 0).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
  }, 180_000);
});
