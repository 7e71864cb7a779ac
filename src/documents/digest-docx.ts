/**
 * The digest as an official Word document, in the form of a Vietnamese administrative report (Nghị định
 * 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman 13-14 pt, margins 20/20/30/15 mm; a header table with the
 * issuing body and the number placeholder on the left and the quốc hiệu and tiêu ngữ on the right; place and
 * date; title; the body with tables; nơi nhận and the signature block side by side. The office numbers, signs
 * and files it. Built with the `docx` package (declarative, pure JS, no template file to keep in sync).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import type { DigestContent } from "../domain/digests/compose-digest.js";
import { localParts } from "../domain/time/vietnam-time.js";
import { formatDeadline, formatShortDate, formatDateTime } from "../domain/time/vietnamese-format.js";
import { officialReport as t } from "../i18n/vi/official-report.js";
import { nameList, statusLabel, urgencyLabel } from "../i18n/vi/schedule.js";

const FONT = "Times New Roman";
/** docx sizes are half-points. */
const PT = (n: number) => n * 2;
/** twentieths of a point per millimetre */
const MM = (n: number) => Math.round((n * 1440) / 25.4);

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

const run = (text: string, s: RunStyle = {}): TextRun =>
  new TextRun({
    text,
    font: FONT,
    size: PT(s.size ?? 14),
    ...(s.bold ? { bold: true } : {}),
    ...(s.italics ? { italics: true } : {}),
    ...(s.underline ? { underline: {} } : {}),
  });

function para(
  children: ParagraphChild[] | string,
  o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number; style?: RunStyle } = {},
) {
  return new Paragraph({
    children: typeof children === "string" ? [run(children, o.style)] : children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: o.after ?? 80, line: 300 },
    ...(o.indent ? { indent: { firstLine: MM(10) } } : {}),
  });
}

const centered = (text: string, style: RunStyle = {}, after = 0) => para([run(text, style)], { align: AlignmentType.CENTER, after });

function cell(text: string, o: { bold?: boolean; width?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, { size: 12, bold: o.bold ?? false })], alignment: o.align ?? AlignmentType.LEFT })],
    ...(o.width ? { width: { size: o.width, type: WidthType.PERCENTAGE } } : {}),
  });
}

/** A bordered table with a bold header row; numbers centred. */
function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[], widths: readonly number[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, { bold: true, width: widths[i]!, align: AlignmentType.CENTER })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((v, i) =>
              cell(String(v), { width: widths[i]!, align: typeof v === "number" ? AlignmentType.CENTER : AlignmentType.LEFT }),
            ),
          }),
      ),
    ],
  });
}

/** "HĐND thị xã Đức Phổ" → "Đức Phổ": the place written before the date. */
export function placeOf(councilName: string): string {
  return councilName
    .replace(/^(thường trực\s+)?(hđnd|hội đồng nhân dân)\s+/iu, "")
    .replace(/^(tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn|đặc khu)\s+/iu, "")
    .trim();
}

export interface DigestDocxInput {
  content: DigestContent;
  council: { name: string };
}

/** The document as bytes (a .docx file). */
export async function digestDocx(input: DigestDocxInput): Promise<Buffer> {
  const c = input.content;
  const tz = c.timezone;
  const now = localParts(c.now, tz);
  const councilUpper = input.council.name.toLocaleUpperCase("vi");

  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 40, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            children: [
              centered(councilUpper, { size: 13 }),
              centered("THƯỜNG TRỰC", { size: 13, bold: true }),
              centered("_______", { size: 13 }),
              centered(t.numberPlaceholder, { size: 13 }, 0),
            ],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            children: [
              centered(t.nationalTitle, { size: 13, bold: true }),
              centered(t.motto, { size: 14, bold: true }),
              centered("_______________________", { size: 13 }),
              para([run(t.placeDate(placeOf(input.council.name), now.year, now.month, now.day), { size: 14, italics: true })], {
                align: AlignmentType.CENTER,
                after: 0,
              }),
            ],
          }),
        ],
      }),
    ],
  });

  const body: (Paragraph | Table)[] = [header, para("", { after: 200 })];
  body.push(centered(t.docType, { size: 14, bold: true }));
  body.push(centered(t.title(c.kind), { size: 14, bold: true }));
  body.push(centered(t.period(formatDateTime(c.period.from, tz), formatDateTime(c.period.to, tz)), { size: 14, italics: true }, 80));
  body.push(centered("_______________", { size: 13 }, 160));
  body.push(para(t.addressee(input.council.name), { align: AlignmentType.CENTER, after: 160 }));
  body.push(para(t.intro, { indent: true }));

  body.push(para([run(t.sectionGeneral, { bold: true })]));
  body.push(para(t.general(c.totals), { indent: true }));

  body.push(para([run(t.sectionTasks, { bold: true })]));
  if (c.tasks.length === 0) body.push(para(t.noTasks, { indent: true }));
  else {
    body.push(
      table(
        t.taskColumns,
        c.tasks.map((task, i) => [
          i + 1,
          task.title,
          formatDeadline(task.dueAt, tz),
          task.totalUnits,
          task.onTime.length,
          task.late.length,
          task.nothing,
          task.missingOverdue.length,
          task.missingNotDue.length,
        ]),
        [5, 31, 16, 8, 8, 8, 8, 8, 8],
      ),
    );
    for (const task of c.tasks) {
      if (task.missingOverdue.length > 0)
        body.push(para(t.missingLine(task.title, nameList(task.missingOverdue.map((u) => u.unitName)).value), { indent: true }));
      if (task.late.length > 0) body.push(para(t.lateLine(task.title, nameList(task.late.map((u) => u.unitName)).value), { indent: true }));
      if (task.extended.length > 0)
        body.push(
          para(t.extendedLine(task.title, task.extended.map((u) => `${u.unitName} (đến ${formatDeadline(u.dueAt, tz)})`).join("; ")), {
            indent: true,
          }),
        );
    }
  }

  body.push(para([run(t.sectionSubmissions, { bold: true })]));
  const subs = c.newSubmissions.groups.flatMap((g) => g.items.map((s) => ({ ...s, taskTitle: g.taskTitle })));
  if (subs.length === 0) body.push(para(t.noSubmissions, { indent: true }));
  else
    body.push(
      table(
        t.submissionColumns,
        subs.map((s, i) => [i + 1, s.receiptNo, s.unitName, s.taskTitle ?? t.otherReport, t.submissionNote(s.version, s.late)]),
        [6, 18, 22, 36, 18],
      ),
    );

  body.push(para([run(t.sectionIssues, { bold: true })]));
  if (c.issues.open.length === 0) body.push(para(t.noIssues, { indent: true }));
  else
    body.push(
      table(
        t.issueColumns,
        c.issues.open.map((x, i) => [
          i + 1,
          x.receiptNo,
          x.unitName ?? "",
          x.location ? `${x.category}, tại ${x.location}` : x.category,
          urgencyLabel(x.urgency),
          `${statusLabel(x.status)} (nhận ${formatShortDate(x.createdAt, tz)})`,
        ]),
        [6, 16, 18, 30, 12, 18],
      ),
    );

  let next = "V";
  if (c.noticeGaps.length > 0) {
    body.push(para([run(t.sectionNotices, { bold: true })]));
    for (const n of c.noticeGaps) {
      body.push(para(t.noticeLine(n.title, formatShortDate(n.publishedAt, tz), nameList(n.missingUnitNames).value), { indent: true }));
      if (n.outsiderAcks?.length) body.push(para(t.noticeOutsiders(n.outsiderAcks), { indent: true }));
    }
    next = "VI";
  }
  body.push(para([run(t.sectionProposals(next), { bold: true })]));
  body.push(para(c.totals.overdueMissing > 0 ? t.proposalOverdue : t.proposalNone, { indent: true }));
  body.push(para(t.closing, { indent: true, after: 240 }));

  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              borders: NO_BORDERS,
              children: [
                para([run(t.recipientsLabel, { size: 12, bold: true, italics: true })], { align: AlignmentType.LEFT, after: 0 }),
                ...t.recipients(input.council.name).map((r) => para([run(r, { size: 11 })], { align: AlignmentType.LEFT, after: 0 })),
              ],
            }),
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              borders: NO_BORDERS,
              children: [
                centered(t.signOnBehalf, { size: 14, bold: true }),
                centered(t.signTitle, { size: 14, bold: true }),
                centered(t.signHint, { size: 13, italics: true }),
              ],
            }),
          ],
        }),
      ],
    }),
  );

  const doc = new Document({
    creator: input.council.name,
    title: `${t.docType} ${t.title(c.kind)}`,
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.PORTRAIT, width: MM(210), height: MM(297) },
            margin: { top: MM(20), bottom: MM(20), left: MM(30), right: MM(15) },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
