/**
 * Reading a folder of annotated documents: one or more `*.json` files, each an array of annotations
 * (the corpus format of test/fixtures/notices/README.md), and the documents they name. A document
 * is looked for next to the JSON file, then in the sub-folder named after it (`real.json` →
 * `real/`), so the project's fixtures and an office's own folder read the same way. Documents may
 * be .txt, .md, .docx, .doc or .pdf: they go through the same text extraction as an upload.
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { extractDocumentText } from "../../documents/extract-text.js";
import type { Annotation } from "./score.js";

const taskSchema = z.object({
  quote: z.string().min(1),
  assignee: z.string().nullable().optional(),
  assignee_scope: z.enum(["all_subunits", "named_units", "person_or_office", "unclear"]),
  due: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
    .nullable(),
  due_rule: z.enum(["before", "by", "exact", "month", "quarter", "half_year", "year", "relative", "recurring"]),
  recurrence: z.string().nullable().optional(),
});

const annotationSchema = z.object({
  file: z.string().min(1),
  number: z.string().nullable().optional(),
  issued_on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
    .nullable()
    .optional(),
  tasks: z.array(taskSchema),
});

export interface AnnotatedDocument {
  /** the JSON file's name without extension ("real"), used to group scores */
  set: string;
  annotation: Annotation;
  /** path of the document relative to the folder */
  relativePath: string;
  /** extracted text, or null with the reason when the document could not be read */
  text: string | null;
  error: string | null;
}

export class AnnotationError extends Error {}

/** Every annotated document of a folder, in the order of the JSON files (sorted) and their entries. */
export async function readAnnotatedFolder(folder: string): Promise<AnnotatedDocument[]> {
  const entries = (await readdir(folder)).filter((f) => f.toLowerCase().endsWith(".json")).sort();
  if (entries.length === 0) throw new AnnotationError(`${folder}: no .json annotation file`);
  const out: AnnotatedDocument[] = [];
  for (const json of entries) {
    const set = json.replace(/\.json$/i, "");
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(folder, json), "utf8"));
    } catch (e) {
      throw new AnnotationError(`${json}: not valid JSON (${(e as Error).message})`);
    }
    const parsed = z.array(annotationSchema).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AnnotationError(`${json}: ${issue.path.join(".")}: ${issue.message}`);
    }
    for (const annotation of parsed.data) {
      const candidates = [annotation.file, path.join(set, annotation.file)];
      const relativePath = candidates.find((c) => existsSync(path.join(folder, c)));
      if (!relativePath) {
        out.push({ set, annotation, relativePath: annotation.file, text: null, error: "file not found" });
        continue;
      }
      const bytes = await readFile(path.join(folder, relativePath));
      const extracted = await extractDocumentText(new Uint8Array(bytes), path.basename(relativePath));
      out.push(
        extracted.ok
          ? { set, annotation, relativePath, text: extracted.text, error: null }
          : { set, annotation, relativePath, text: null, error: extracted.message },
      );
    }
  }
  return out;
}
