/**
 * The annotated corpus (test/fixtures/notices): the seed notice exactly, and every file's tasks
 * against its annotations (a found task matches when due and due_rule are equal and the quotes
 * overlap). The score script scripts/eval-notices.ts prints the same comparison in detail.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotice } from "../../src/notices/parsing/index.js";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "notices");

interface Annotation {
  file: string;
  number: string | null;
  issued_on: string | null;
  tasks: { quote: string; assignee: string | null; assignee_scope: string; due: string | null; due_rule: string }[];
}

function load(json: string, dir: string): { ann: Annotation; text: string }[] {
  const anns = JSON.parse(readFileSync(path.join(FIXTURES, json), "utf8")) as Annotation[];
  return anns.map((ann) => ({ ann, text: readFileSync(path.join(FIXTURES, dir, ann.file), "utf8") }));
}

const ALL = [...load("seed.json", "."), ...load("real.json", "real"), ...load("synthetic.json", "synthetic")];

describe("the seed notice", () => {
  const text = readFileSync(path.join(FIXTURES, "00-seed-ket-luan-thuong-truc-hdnd.txt"), "utf8");
  const p = parseNotice(text);

  it("yields the one task with a deadline: report in May 2022, all communes and wards", () => {
    expect(p.tasks).toHaveLength(1);
    const t = p.tasks[0]!;
    expect(t.quote).toContain("kiểm tra, tổng hợp báo cáo");
    expect(t.quote).toContain("trong tháng 5/2022");
    expect(text).toContain(t.quote);
    expect(t.due).toBe("2022-05-31");
    expect(t.due_rule).toBe("month");
    expect(t.assignee).toBe("Thường trực HĐND các xã, phường");
    expect(t.assignee_scope).toBe("all_subunits");
    expect(t.due_reading).toBe("“trong tháng 5/2022”: hạn là ngày cuối tháng, 31/5/2022.");
  });

  it("has no number or issue date (the text does not print them), a title, recipients and a signer", () => {
    expect(p.number).toBeNull();
    expect(p.issued_on).toBeNull();
    expect(p.title).toBe("Kết luận buổi làm việc với Thường trực HĐND các xã, phường");
    expect(p.recipients).toEqual(JSON.parse(readFileSync(path.join(FIXTURES, "seed.json"), "utf8"))[0].recipients);
    expect(p.signer).toBe("Trần Duy Khánh");
  });
});

describe("annotated corpus", () => {
  it.each(ALL.map((x) => [x.ann.file, x] as const))("%s", (_file, { ann, text }) => {
    const p = parseNotice(text);
    const source = text.normalize("NFC");
    expect(p.number).toBe(ann.number);
    expect(p.issued_on).toBe(ann.issued_on);
    const found = p.tasks.map((t) => ({ due: t.due, rule: t.due_rule, scope: t.assignee_scope, start: t.quote_start, end: t.quote_end }));
    const expected = ann.tasks.map((a) => {
      const start = source.indexOf(a.quote);
      return { due: a.due, rule: a.due_rule, scope: a.assignee_scope, start, end: start + a.quote.length };
    });
    const matched = expected.map(
      (e) => found.find((f) => f.due === e.due && f.rule === e.rule && f.start < e.end && f.end > e.start) ?? null,
    );
    expect(matched.map((m, i) => (m ? { due: m.due, rule: m.rule, scope: m.scope } : { missing: ann.tasks[i]!.quote }))).toEqual(
      expected.map((e) => ({ due: e.due, rule: e.rule, scope: e.scope })),
    );
    expect(p.tasks).toHaveLength(ann.tasks.length);
    for (const t of p.tasks) expect(source).toContain(t.quote);
  });
});
