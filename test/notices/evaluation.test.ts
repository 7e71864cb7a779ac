/**
 * Scoring the parser on a folder of annotated documents, as an office would check its own: the
 * folder layout, documents in any format, matching by date and overlapping quote, and clear errors
 * for bad annotation files.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { AnnotationError, readAnnotatedFolder } from "../../src/notices/evaluation/annotated-folder.js";
import { addScore, emptyTotals, locateQuote, scoreFile } from "../../src/notices/evaluation/score.js";
import { parseNotice } from "../../src/notices/parsing/index.js";

const DOCUMENTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "documents");
const folders: string[] = [];
const tempFolder = () => {
  const f = mkdtempSync(path.join(tmpdir(), "eval-notices-"));
  folders.push(f);
  return f;
};
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

describe("an annotated folder", () => {
  it("reads a .doc next to its annotations and a .txt in the sub-folder named after the JSON file", async () => {
    const dir = tempFolder();
    copyFileSync(path.join(DOCUMENTS, "cong-van-215-tu-nghia.doc"), path.join(dir, "cv215.doc"));
    writeFileSync(path.join(dir, "a.json"), JSON.stringify([{ file: "cv215.doc", number: "215/UBND-VP", tasks: [] }]));
    rmSync(path.join(dir, "b"), { recursive: true, force: true });
    const sub = path.join(dir, "b");
    mkdirSync(sub);
    writeFileSync(path.join(sub, "x.txt"), "Các xã gửi báo cáo trước ngày 20/5/2022.");
    writeFileSync(
      path.join(dir, "b.json"),
      JSON.stringify([
        { file: "x.txt", tasks: [] },
        { file: "missing.txt", tasks: [] },
      ]),
    );
    const docs = await readAnnotatedFolder(dir);
    expect(docs.map((d) => [d.set, d.relativePath, d.error])).toEqual([
      ["a", "cv215.doc", null],
      ["b", path.join("b", "x.txt"), null],
      ["b", "missing.txt", "file not found"],
    ]);
    expect(docs[0]!.text).toContain("Số: 215/UBND-VP");
  });

  it("names the annotation that is wrong", async () => {
    const dir = tempFolder();
    writeFileSync(
      path.join(dir, "a.json"),
      JSON.stringify([{ file: "x.txt", tasks: [{ quote: "q", assignee_scope: "all", due: null, due_rule: "before" }] }]),
    );
    await expect(readAnnotatedFolder(dir)).rejects.toThrow(AnnotationError);
    await expect(readAnnotatedFolder(dir)).rejects.toThrow(/a\.json: 0\.tasks\.0\.assignee_scope/);
    writeFileSync(path.join(dir, "a.json"), "[{");
    await expect(readAnnotatedFolder(dir)).rejects.toThrow(/a\.json: not valid JSON/);
    await expect(readAnnotatedFolder(tempFolder())).rejects.toThrow(/no \.json annotation file/);
  });
});

describe("scoring", () => {
  const text =
    "UBND các xã gửi báo cáo trước ngày 20/5/2022; Phòng Nội vụ tổng hợp chậm nhất ngày 27/5/2022.\nĐoàn giám sát làm việc ngày 2/6/2022.";

  it("matches on date, rule and overlapping quote, and lists misses, extras and scopes", () => {
    const s = scoreFile(
      {
        file: "x.txt",
        number: null,
        tasks: [
          { quote: "UBND các xã gửi báo cáo trước ngày 20/5/2022", assignee_scope: "named_units", due: "2022-05-19", due_rule: "before" },
          { quote: "Đoàn giám sát làm việc ngày 2/6/2022", assignee_scope: "unclear", due: "2022-06-02", due_rule: "exact" },
        ],
      },
      text,
      parseNotice(text, { referenceDate: "2022-05-10" }),
    );
    expect([s.annotated, s.found, s.matched, s.scopeCorrect, s.numberCorrect, s.issuedCorrect]).toEqual([2, 2, 1, 0, true, null]);
    expect(s.problems.map((p) => p.slice(0, 7))).toEqual(["SCOPE  ", "MISSED ", "EXTRA  "]);
    const t = addScore(emptyTotals(), s);
    expect([t.files, t.numberScored, t.issuedScored]).toEqual([1, 1, 0]);
  });

  it("finds a quote copied with other line breaks and spaces", () => {
    expect(locateQuote("gửi về Thường trực\nHĐND tỉnh  trước ngày 25/11", "Thường trực HĐND tỉnh trước")).toEqual({ start: 7, end: 35 });
    expect(locateQuote("abc", "xyz")).toBeNull();
  });
});
