/**
 * /thongbao: the office pastes the text or sends the file, confirms the title (a typed title is confirmed
 * before it replaces the proposed one), picks the audience and whether to pin, sees a preview, and publishes. Delivery is reported back when the fan-out finishes.
 */
import { listUnits } from "../db/units.js";
import { notices as t } from "../i18n/vi/notices.js";
import { common } from "../i18n/vi/common.js";
import { formatMegabytes } from "../domain/attachments.js";
import { formatLocalDateShort } from "../domain/time/vietnamese-format.js";
import { draftFromFile, draftFromText, fallbackTitle, type NoticeDraft, type NoticeFile } from "../core/notices/draft.js";
import { excerpt, publishNotice } from "../core/notices/publish.js";
import { noticeTargets, audienceUnits, type Audience } from "../core/notices/targets.js";
import { cleanText } from "../text/fold.js";
import { applyUnitToggle, unitToggleChoices } from "./pick-unit.js";
import { allUnitsOf } from "../core/tasks/create-task.js";
import { tasks as taskTexts } from "../i18n/vi/tasks.js";
import type { SafeHtml } from "../text/html.js";
import type { FlowContext, FlowDefinition, Prompt, PromptChoice, StepOutcome } from "./types.js";
import { proposeTasks } from "../core/notices/proposed-tasks.js";
import { noticeTasks } from "../i18n/vi/notices.js";
import { titleConfirm } from "../i18n/vi/notice-changes.js";
import { proposalsJson } from "../core/notices/notice-proposals.js";
import { setNoticeProposals } from "../db/notices.js";
import { joinHtml } from "../text/html.js";

interface Data {
  texts: string[];
  /** the text of an uploaded file, kept by conversations started before drafts were kept (read only) */
  fileBody?: string;
  file?: NoticeFile;
  /** the uploaded file, read and parsed once, at upload */
  fileDraft?: NoticeDraft;
  /** the notice as it will be published, parsed once when the content is complete: the later steps reuse it */
  draft?: NoticeDraft;
  title?: string;
  /** a title typed at the title step, waiting for confirmation */
  typedTitle?: string;
  audience?: Audience;
  chosen?: number[];
  page?: number;
  pin?: boolean;
}

const cancelRow: PromptChoice[] = [{ label: t.cancel, value: "cancel", synonyms: ["huy"] }];
const contentPrompt = (text: Prompt["text"]): Prompt => ({
  text,
  choices: [[{ label: t.continue, value: "next", synonyms: ["tiep tuc", "xong"] }, ...cancelRow]],
  acceptsText: true,
});

/** Parsing a 200-page notice takes a second: it is done once, and the draft travels in the flow's state. */
function draftOf(ctx: FlowContext, data: Data): NoticeDraft {
  if (data.draft) return data.draft;
  if (data.fileDraft) return data.fileDraft;
  const tz = ctx.services.config.timezone;
  const body = data.fileBody ?? data.texts.join("\n\n");
  return draftFromText(body, tz, data.file ?? null, ctx.now.toISOString());
}

async function askUnits(ctx: FlowContext, data: Data, before: SafeHtml[] = []): Promise<StepOutcome<Data>> {
  const units = await selectableUnits(ctx);
  const chosen = new Set(data.chosen ?? []);
  const rows = unitToggleChoices(units, chosen, data.page ?? 0, common.nextPage);
  rows.push([{ label: t.done, value: "done", synonyms: ["xong"] }, ...cancelRow]);
  const names = units.filter((u) => chosen.has(u.id)).map((u) => u.name);
  return { kind: "next", step: "units", data, before, prompt: { text: t.askUnits(names), choices: rows, acceptsText: true } };
}

const selectableUnits = async (ctx: FlowContext) => allUnitsOf(await listUnits(ctx.db.prisma, ctx.actor!.councilId, { activeOnly: true }));

const titleConfirmPrompt = (typed: string, current: string): Prompt => ({
  text: titleConfirm.ask(typed, current),
  choices: [
    [{ label: titleConfirm.useNew, value: "new", synonyms: ["dung tieu de moi"] }],
    [{ label: titleConfirm.keep, value: "keep", synonyms: ["giu"] }],
    cancelRow,
  ],
  acceptsText: true,
});

const pinPrompt = (): Prompt => ({
  text: t.askPin(),
  choices: [
    [
      { label: t.pinYes, value: "pin", synonyms: ["co"] },
      { label: t.pinNo, value: "nopin", synonyms: ["khong"] },
    ],
    cancelRow,
  ],
});

async function preview(ctx: FlowContext, data: Data): Promise<StepOutcome<Data>> {
  const draft = draftOf(ctx, data);
  const councilId = ctx.actor!.councilId;
  const targets = await noticeTargets(ctx.db.prisma, councilId, data.audience!);
  const units = await audienceUnits(ctx.db.prisma, councilId, data.audience!);
  const audienceName =
    data.audience!.kind === "all"
      ? t.audienceAll
      : data.audience!.kind === "standing"
        ? t.audienceStanding
        : `${units.length} đơn vị đã chọn`;
  const text = t.preview({
    title: data.title!,
    number: draft.number,
    issuedOn: draft.issuedOn ? formatLocalDateShort(draft.issuedOn) : null,
    excerpt: `${excerpt(draft.body, 800)}${draft.body.length > 800 ? "…" : ""}`,
    file: data.file?.name ?? null,
    targets: targets.length,
    units: units.length,
    audience: audienceName,
    pin: data.pin ?? false,
  });
  return {
    kind: "next",
    step: "preview",
    data,
    prompt: { text, choices: [[{ label: t.send, value: "send", synonyms: ["gui"] }, ...cancelRow]] },
  };
}

export const publishNoticeFlow: FlowDefinition<Data> = {
  name: "publish-notice",
  title: t.flowTitle,
  privateOnly: true,
  async start() {
    return { kind: "next", step: "content", data: { texts: [] }, prompt: contentPrompt(t.askContent()) };
  },
  async step(ctx, step, data, input) {
    const choice = input.type === "choice" ? input.value : null;
    if (choice === "cancel") return { kind: "end", messages: [common.cancelled()] };
    switch (step) {
      case "content": {
        if (choice === "next") {
          const draft = draftOf(ctx, data);
          if (draft.body.trim() === "") return { kind: "next", step, data, prompt: contentPrompt(t.empty()) };
          const proposed = draft.title ?? fallbackTitle(draft.body);
          // the draft holds the body now: the pasted parts and the file's text are not kept twice
          const { fileDraft: _file, fileBody: _body, ...rest } = data;
          return {
            kind: "next",
            step: "title",
            data: { ...rest, texts: [], draft, title: proposed },
            prompt: {
              text: t.askTitle(proposed),
              choices: [[{ label: t.useTitle, value: "keep", synonyms: ["dung"] }], cancelRow],
              acceptsText: true,
            },
          };
        }
        if (input.type === "text") {
          const texts = [...data.texts, input.text];
          return {
            kind: "next",
            step,
            data: { ...data, texts },
            prompt: contentPrompt(t.received(texts.length, data.file?.name ?? null)),
          };
        }
        if (input.type === "file") {
          const f = input.file;
          if (f.size !== undefined && f.size > ctx.platform.maxDownloadBytes)
            return { kind: "next", step, data, prompt: contentPrompt(t.fileTooBig(formatMegabytes(ctx.platform.maxDownloadBytes))) };
          let bytes: Buffer;
          try {
            if (!ctx.platform.downloadFile) throw new Error("no download on this platform");
            bytes = await ctx.platform.downloadFile(f.fileId);
          } catch (err) {
            ctx.services.logger.warn({ err }, "notice file download failed");
            return { kind: "next", step, data, prompt: contentPrompt(t.downloadFailed()) };
          }
          const name = f.fileName ?? "thong-bao";
          const result = await draftFromFile({
            bytes,
            fileName: name,
            dataDir: ctx.services.config.dataDir,
            timezone: ctx.services.config.timezone,
            ref: `${ctx.event.chat.platform}:${f.fileId}`,
            referenceDate: ctx.now.toISOString(),
            limits: { memoryMb: ctx.services.config.documents.readMemoryMb, timeoutMs: ctx.services.config.documents.readTimeoutMs },
            logger: ctx.services.logger,
          });
          if (!result.ok) return { kind: "next", step, data, prompt: contentPrompt(t.fileProblem(result.message)) };
          const { fileBody: _old, ...kept } = data;
          const next: Data = { ...kept, fileDraft: result.draft, file: result.draft.file! };
          return {
            kind: "next",
            step,
            data: next,
            before: data.file ? [t.oneFile()] : [],
            prompt: contentPrompt(t.received(1, name)),
          };
        }
        return {
          kind: "next",
          step,
          data,
          prompt: contentPrompt(common.unsupportedContent(input.type === "unsupported" ? input.what : "other")),
        };
      }
      case "title":
      case "title-confirm": {
        // Typed text never becomes the title on its own ("ok" once went to 15 groups as a title): it is confirmed first.
        if (input.type === "text") {
          const typed = cleanText(input.text);
          if (typed.length > 300)
            return { kind: "next", step, data, prompt: { text: t.titleTooLong(), choices: [cancelRow], acceptsText: true } };
          if (typed !== "")
            return {
              kind: "next",
              step: "title-confirm",
              data: { ...data, typedTitle: typed },
              prompt: titleConfirmPrompt(typed, data.title!),
            };
        }
        if (step === "title-confirm" && choice !== "new" && choice !== "keep")
          return { kind: "next", step, data, prompt: titleConfirmPrompt(data.typedTitle ?? "", data.title!) };
        const title = choice === "new" && data.typedTitle ? data.typedTitle : data.title!;
        const { typedTitle: _typed, ...rest } = data;
        return {
          kind: "next",
          step: "audience",
          data: { ...rest, title },
          prompt: {
            text: t.askAudience(),
            choices: [
              [{ label: t.audienceAll, value: "all" }],
              [{ label: t.audienceUnits, value: "units" }],
              [{ label: t.audienceStanding, value: "standing" }],
              cancelRow,
            ],
          },
        };
      }
      case "audience": {
        if (choice === "all") return { kind: "next", step: "pin", data: { ...data, audience: { kind: "all" } }, prompt: pinPrompt() };
        if (choice === "standing")
          return { kind: "next", step: "pin", data: { ...data, audience: { kind: "standing" } }, prompt: pinPrompt() };
        return askUnits(ctx, { ...data, chosen: data.chosen ?? [] });
      }
      case "units": {
        const chosen = data.chosen ?? [];
        if (choice === "done") {
          if (chosen.length === 0) return askUnits(ctx, data, [t.noUnitChosen()]);
          return { kind: "next", step: "pin", data: { ...data, audience: { kind: "units", unitIds: chosen } }, prompt: pinPrompt() };
        }
        const toggled = applyUnitToggle(
          await selectableUnits(ctx),
          chosen,
          input.type === "text"
            ? { type: "text", text: input.text }
            : input.type === "choice"
              ? { type: "choice", value: input.value }
              : input,
        );
        if (toggled.kind === "page") return askUnits(ctx, { ...data, page: toggled.page });
        if (toggled.kind === "none") return askUnits(ctx, data);
        return askUnits(ctx, { ...data, chosen: toggled.chosen }, [
          ...toggled.notFound.map((x) => taskTexts.unitNotFound(x)),
          ...toggled.ambiguous.map((a) => taskTexts.unitAmbiguous(a.typed, a.names)),
        ]);
      }
      case "pin":
        if (choice !== "pin" && choice !== "nopin") return { kind: "next", step, data, prompt: pinPrompt() };
        return preview(ctx, { ...data, pin: choice === "pin" });
      case "preview": {
        if (choice !== "send") return preview(ctx, data);
        const actor = ctx.actor!;
        const reportChat = await ctx.privateChat();
        const draft = draftOf(ctx, data);
        if ((await noticeTargets(ctx.db.prisma, actor.councilId, data.audience!)).length === 0)
          return { kind: "end", messages: [t.noTargets()] };
        const units = await listUnits(ctx.db.prisma, actor.councilId, { activeOnly: true });
        const proposals = proposeTasks(draft.parsed, units);
        // Publishing ends here. The deadlines found are kept with the notice and offered in a step of their own
        // once the delivery summary is in (or at once with /thongbao_nhiemvu N): another /thongbao never has to
        // abandon a notice already sent, and abandoning the proposals drops nothing.
        return {
          kind: "end",
          effect: async (tx) => {
            const result = await publishNotice(tx, {
              councilId: actor.councilId,
              draft,
              title: data.title!,
              audience: data.audience!,
              pin: data.pin ?? false,
              authorMemberId: actor.memberId,
              authorLabel: `${ctx.event.user.platform}:${ctx.event.user.id}`,
              reportChatId: reportChat.id,
              now: ctx.now,
            });
            if (!result.ok) throw new Error("notice targets vanished between the check and the publish");
            await setNoticeProposals(tx, result.noticeId, proposalsJson(proposals));
            const queued = t.queued(result.noticeId, result.targets, result.inactive);
            ctx.reply(proposals.length > 0 ? joinHtml([queued, noticeTasks.afterPublish(proposals.length, result.noticeId)]) : queued, [
              [{ kind: "action", label: t.statusButton, data: `nt:st:${result.noticeId}` }],
            ]);
          },
        };
      }
    }
    return { kind: "end", messages: [common.cancelled()] };
  },
};
