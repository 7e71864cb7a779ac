/**
 * The grammar table runs as its own test, Duckling-style: every rule must read each of its example
 * phrases (the whole phrase, or the named part of a longer text) and must read nothing in its
 * counter-examples.
 */
import { describe, expect, it } from "vitest";
import { DEADLINE_PATTERNS, matchPattern } from "../../src/notices/parsing/deadline-patterns.js";

describe("deadline patterns", () => {
  it("have unique names and state a fact", () => {
    const names = DEADLINE_PATTERNS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of DEADLINE_PATTERNS) {
      expect(p.fact.length, p.name).toBeGreaterThan(20);
      expect(p.examples.length, p.name).toBeGreaterThan(0);
      expect(p.counterExamples.length, p.name).toBeGreaterThan(0);
    }
  });

  for (const p of DEADLINE_PATTERNS) {
    describe(p.name, () => {
      it.each(p.examples.map((e) => (typeof e === "string" ? { text: e, phrase: e } : e)))("reads “$phrase”", ({ text, phrase }) => {
        const found = matchPattern(p, text).map((m) => text.slice(m.index, m.index + m.length));
        expect(found).toContain(phrase);
      });
      it.each(p.counterExamples)("reads nothing in “%s”", (text) => {
        expect(matchPattern(p, text).map((m) => text.slice(m.index, m.index + m.length))).toEqual([]);
      });
    });
  }
});
