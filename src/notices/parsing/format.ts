/**
 * Human-readable Vietnamese report of a parsed notice (the non-JSON output of
 * `council notice parse FILE`), and the JSON shape with the annotation field names.
 */
import { vi } from "./messages-vi.js";
import type { ParsedNotice, ParsedTask } from "./types.js";
import { formatDateVi, fromIsoDate } from "./vietnamese-dates.js";

function dateVi(iso: string | null): string | null {
  if (!iso) return null;
  const c = fromIsoDate(iso);
  return c ? formatDateVi(c) : iso;
}

function line(label: string, value: string | null | undefined): string {
  return `${label}: ${value?.trim() ? value : vi.format.none}`;
}

function dueText(t: ParsedTask): string {
  if (t.due_rule === "recurring") return vi.format.recurringDue(t.due_reading.replace(/^“[^”]*”:\s*/u, "").replace(/[.;].*$/u, ""));
  const d = dateVi(t.due);
  if (!d) return vi.format.noDue;
  return `${d}${t.time_of_day ? `, trước ${t.time_of_day.replace(":", " giờ ").replace(/ giờ 00$/, " giờ")}` : ""}`;
}

export function formatParsedNoticeVietnamese(parsed: ParsedNotice): string {
  const out: string[] = [];
  out.push(vi.format.heading);
  out.push(line(vi.format.docType, parsed.doc_type));
  out.push(line(vi.format.number, parsed.number));
  out.push(line(vi.format.issuedOn, dateVi(parsed.issued_on)));
  out.push(line(vi.format.place, parsed.place));
  out.push(line(vi.format.issuer, parsed.issuer));
  out.push(line(vi.format.title, parsed.title));
  out.push(line(vi.format.signer, parsed.signer));
  if (parsed.recipients.length > 0) {
    out.push(`${vi.format.recipients}:`);
    for (const r of parsed.recipients) out.push(`  - ${r}`);
  } else out.push(line(vi.format.recipients, null));
  out.push("");
  if (parsed.tasks.length === 0) {
    out.push(vi.format.noTasks);
  } else {
    out.push(`${vi.format.tasks} (${parsed.tasks.length}):`);
    parsed.tasks.forEach((t, i) => {
      out.push("");
      out.push(
        `${i + 1}. ${vi.format.assignee}: ${t.assignee ?? vi.format.noAssignee} (${vi.format.scope}: ${vi.scope[t.assignee_scope]})`,
      );
      if (t.cooperating.length > 0) out.push(`   ${vi.format.cooperating}: ${t.cooperating.join("; ")}`);
      out.push(`   ${vi.format.due}: ${dueText(t)}`);
      out.push(`   ${vi.format.reading}: ${t.due_reading}`);
      out.push(`   ${vi.format.quote}: “${t.quote.replace(/\s+/g, " ")}”`);
      for (const n of t.notes) out.push(`   ${vi.format.notes}: ${n}`);
    });
  }
  if (parsed.warnings.length > 0) {
    out.push("");
    out.push(`${vi.format.warnings}:`);
    for (const w of parsed.warnings) out.push(`  - ${w}`);
  }
  return out.join("\n");
}

/**
 * The JSON output: annotation field names first (number, issued_on, issuer, title, recipients,
 * tasks[] with quote, assignee, assignee_scope, due, due_rule, recurrence), extras after them.
 */
export function parsedNoticeToJson(parsed: ParsedNotice): Record<string, unknown> {
  return {
    number: parsed.number,
    issued_on: parsed.issued_on,
    issuer: parsed.issuer,
    title: parsed.title,
    recipients: parsed.recipients,
    tasks: parsed.tasks.map((t) => ({
      quote: t.quote,
      assignee: t.assignee,
      assignee_scope: t.assignee_scope,
      due: t.due,
      due_rule: t.due_rule,
      recurrence: t.recurrence,
      deadline_phrase: t.deadline_phrase,
      due_reading: t.due_reading,
      time_of_day: t.time_of_day,
      units: t.units,
      cooperating: t.cooperating,
      assignee_source: t.assignee_source,
      quote_start: t.quote_start,
      quote_end: t.quote_end,
      notes: t.notes,
    })),
    place: parsed.place,
    issued_on_source: parsed.issued_on_source,
    doc_type: parsed.doc_type,
    addressees: parsed.addressees,
    signer: parsed.signer,
    signer_title: parsed.signer_title,
    unread_deadline_phrases: parsed.unread_deadline_phrases,
    warnings: parsed.warnings,
  };
}
