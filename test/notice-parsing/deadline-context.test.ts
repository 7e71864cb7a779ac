/**
 * The context checks run as their own test: in each example sentence the grammar reads the phrase
 * and the named check rejects it; in each counter-example the phrase stands as a deadline.
 * Sentences are read as in a notice issued on 10/5/2022.
 */
import { describe, expect, it } from "vitest";
import { CONTEXT_CHECKS } from "../../src/notices/parsing/deadline-context.js";
import { yearHintsOf } from "../../src/notices/parsing/deadline-resolution.js";
import { explainDeadlines } from "../../src/notices/parsing/deadlines.js";
import { normalizeText } from "../../src/notices/parsing/normalize.js";

const ISSUED = { y: 2022, m: 5, d: 10 };

function candidates(sentence: string) {
  const clean = normalizeText(sentence).clean;
  const doc = {
    resolve: { issued: ISSUED, reference: null, referenceKind: null, yearHints: yearHintsOf(clean) },
    documentDate: ISSUED,
  };
  return explainDeadlines(clean, { start: 0, end: clean.length }, doc).map((c) => ({
    phrase: clean.slice(c.hit.start, c.hit.end),
    rejectedBy: c.rejectedBy,
  }));
}

describe("context checks", () => {
  it("have unique names, a fact, examples and counter-examples", () => {
    const names = CONTEXT_CHECKS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of CONTEXT_CHECKS) {
      expect(c.fact.length, c.name).toBeGreaterThan(20);
      expect(c.examples.length, c.name).toBeGreaterThan(0);
      expect(c.counterExamples.length, c.name).toBeGreaterThan(0);
    }
  });

  for (const check of CONTEXT_CHECKS) {
    describe(check.name, () => {
      it.each(check.examples)("rejects “$phrase” in “$sentence”", ({ sentence, phrase }) => {
        expect(candidates(sentence)).toContainEqual({ phrase, rejectedBy: check.name });
      });
      it.each(check.counterExamples)("keeps “$phrase” in “$sentence”", ({ sentence, phrase }) => {
        expect(candidates(sentence)).toContainEqual({ phrase, rejectedBy: null });
      });
    });
  }
});
