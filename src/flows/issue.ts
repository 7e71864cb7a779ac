/** /vande: category, urgency, place, what happened (texts, photos, documents), review, send. */
import { DEFAULT_ISSUE_CATEGORIES, parseCouncilSettings } from "../domain/council-settings.js";
import { issues } from "../i18n/vi/issues.js";
import { reports } from "../i18n/vi/reports.js";
import { common } from "../i18n/vi/common.js";
import { formatDateTime } from "../domain/time/vietnamese-format.js";
import { raiseIssue } from "../core/issues/raise-issue.js";
import { findCouncilById } from "../db/councils.js";
import { addToContent } from "./collect-content.js";
import { contentBody, emptyContent, fileLabel, isEmpty, type Content } from "../core/content.js";
import type { FlowContext, FlowDefinition, Prompt, PromptChoice, StepOutcome } from "./types.js";
import { cleanText } from "../text/fold.js";
import { clipAfter } from "../text/graphemes.js";

type Urgency = "normal" | "urgent" | "very_urgent";

interface Data {
  category?: string;
  urgency?: Urgency;
  location?: string;
  content: Content;
}

const URGENCY: PromptChoice[][] = [
  [
    { label: issues.urgencyNormal, value: "normal", synonyms: ["thuong"] },
    { label: issues.urgencyUrgent, value: "urgent" },
    { label: issues.urgencyVeryUrgent, value: "very_urgent" },
  ],
];
const contentChoices: PromptChoice[][] = [
  [
    { label: reports.preview, value: "preview", synonyms: ["xem lai", "xong"] },
    { label: reports.cancel, value: "cancel", synonyms: ["huy"] },
  ],
];
const reviewChoices: PromptChoice[][] = [
  [
    { label: reports.submit, value: "submit", synonyms: ["gui"] },
    { label: reports.edit, value: "edit", synonyms: ["sua"] },
    { label: reports.cancel, value: "cancel", synonyms: ["huy"] },
  ],
];
const cancelChoice: PromptChoice[][] = [[{ label: reports.cancel, value: "cancel", synonyms: ["huy"] }]];

async function categories(ctx: FlowContext): Promise<string[]> {
  const council = await findCouncilById(ctx.db.prisma, ctx.actor!.councilId);
  const settings = council ? parseCouncilSettings(council.settingsJson) : {};
  return settings.issueCategories ?? ctx.services.config.issueCategories ?? [...DEFAULT_ISSUE_CATEGORIES];
}

const contentPrompt = (text: Prompt["text"]): Prompt => ({ text, choices: contentChoices, acceptsText: true });

function review(data: Data): StepOutcome<Data> {
  const body = contentBody(data.content);
  return {
    kind: "next",
    step: "review",
    data,
    prompt: {
      text: issues.preview({
        category: data.category!,
        urgency: data.urgency!,
        location: data.location!,
        body: clipAfter(body, 3000),
        files: data.content.files.map(fileLabel),
      }),
      choices: reviewChoices,
    },
  };
}

export const issueFlow: FlowDefinition<Data> = {
  name: "issue",
  title: issues.title,
  privateOnly: true,
  async start(ctx) {
    const list = await categories(ctx);
    const choices = list.map((c, i) => [{ label: c, value: `c${i}` }]);
    return {
      kind: "next",
      step: "category",
      data: { content: emptyContent() },
      prompt: { text: issues.askCategory(), choices: [...choices, ...cancelChoice] },
    };
  },
  async step(ctx, step, data, input) {
    const choice = input.type === "choice" ? input.value : null;
    if (choice === "cancel") return { kind: "end", messages: [common.cancelled()] };
    switch (step) {
      case "category": {
        const list = await categories(ctx);
        const category = choice && /^c\d+$/.test(choice) ? list[Number(choice.slice(1))] : undefined;
        if (!category) return issueFlow.start(ctx, "");
        return {
          kind: "next",
          step: "urgency",
          data: { ...data, category },
          prompt: { text: issues.askUrgency(), choices: [...URGENCY, ...cancelChoice] },
        };
      }
      case "urgency": {
        const urgency = (["normal", "urgent", "very_urgent"] as const).find((u) => u === choice);
        if (!urgency) return { kind: "next", step, data, prompt: { text: issues.askUrgency(), choices: [...URGENCY, ...cancelChoice] } };
        return {
          kind: "next",
          step: "location",
          data: { ...data, urgency },
          prompt: { text: issues.askLocation(), choices: cancelChoice, acceptsText: true },
        };
      }
      case "location": {
        if (input.type !== "text" || cleanText(input.text) === "")
          return { kind: "next", step, data, prompt: { text: issues.askLocationText(), choices: cancelChoice, acceptsText: true } };
        const location = cleanText(input.text);
        if (location.length > 200)
          return { kind: "next", step, data, prompt: { text: issues.locationTooLong(), choices: cancelChoice, acceptsText: true } };
        return { kind: "next", step: "description", data: { ...data, location }, prompt: contentPrompt(issues.askDescription()) };
      }
      case "description": {
        if (choice === "preview")
          return isEmpty(data.content) ? { kind: "next", step, data, prompt: contentPrompt(issues.empty()) } : review(data);
        const added = addToContent(ctx, data.content, input);
        return { kind: "next", step, data: { ...data, content: added.content }, prompt: contentPrompt(added.message) };
      }
      case "review": {
        if (choice === "edit") return { kind: "next", step: "description", data, prompt: contentPrompt(reports.editPrompt()) };
        if (choice !== "submit") return review(data);
        const tz = ctx.services.config.timezone;
        return {
          kind: "end",
          effect: async (tx) => {
            const result = await raiseIssue(tx, {
              actor: ctx.actor!,
              category: data.category!,
              urgency: data.urgency!,
              location: data.location!,
              content: data.content,
              now: ctx.now,
              timezone: tz,
              actorLabel: `${ctx.event.user.platform}:${ctx.event.user.id}`,
            });
            ctx.reply(issues.receipt(result.receiptNo, formatDateTime(ctx.now, tz)));
            if (result.standingChats === 0) ctx.reply(reports.noStandingGroup());
          },
        };
      }
    }
    return { kind: "end", messages: [common.cancelled()] };
  },
};
