/**
 * The sandbox's routes on the service's web console (same host and port, under /sandbox): the page, its
 * assets, the files people attached, the actions (type, press, attach, jump, reset) and a Server-Sent
 * Events stream that tells open pages when a chat changed. No sign-in: the sandbox holds only demo data,
 * and the README says not to expose it publicly.
 *
 * An action answers JSON to the page's script (`Accept: application/json`) and redirects back otherwise.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { WebEnv } from "../../web/context.js";
import { atLocal, isLocalDate, isLocalTime } from "../../domain/time/vietnam-time.js";
import { formatDateTime } from "../../domain/time/vietnamese-format.js";
import { sandboxTexts as t } from "../../i18n/vi/sandbox.js";
import type { ActionOutcome } from "./adapter.js";
import { renderPage } from "./page.js";
import type { SandboxRuntime } from "./runtime.js";
import { OFFICE_PERSONA, privateChatOf } from "./seed.js";
import { guessMime } from "./sender.js";

const read = (name: string): string => readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");

const ASSETS: Record<string, { body: string; type: string }> = {
  "sandbox.css": { body: read("sandbox.css"), type: "text/css; charset=utf-8" },
  "sandbox.js": { body: read("sandbox.js"), type: "text/javascript; charset=utf-8" },
};
const VERSION = createHash("sha256")
  .update(
    Object.values(ASSETS)
      .map((a) => a.body)
      .join("\n"),
  )
  .digest("hex")
  .slice(0, 10);
/** The seed notice (thông báo kết luận), as the office would attach it. */
const SAMPLE_NOTICE = new URL("./assets/mau-thong-bao.txt", import.meta.url);

type Ctx = Context<WebEnv>;
type Form = Record<string, string | File | (string | File)[]>;

const str = (form: Form, key: string): string => {
  const v = form[key];
  return typeof v === "string" ? v : "";
};

export function sandboxRoutes(runtime: SandboxRuntime): (app: Hono<WebEnv>) => void {
  const wantsJson = (c: Ctx) => (c.req.header("accept") ?? "").includes("application/json");
  const back = (c: Ctx, persona: string, chat: string, flash?: string) =>
    c.redirect(
      `/sandbox?p=${encodeURIComponent(persona)}${chat ? `&c=${encodeURIComponent(chat)}` : ""}${flash ? `&f=${encodeURIComponent(flash)}` : ""}`,
      303,
    );
  const answer = (c: Ctx, form: Form, outcome: ActionOutcome, flash?: string) => {
    if (wantsJson(c))
      return c.json(
        outcome.ok ? { ok: true, toast: outcome.toast ?? null, flash: flash ?? null } : { ok: false, error: t.refused },
        outcome.ok ? 200 : 400,
      );
    return back(c, str(form, "p"), str(form, "c"), outcome.ok ? (outcome.toast?.text ?? flash) : t.refused);
  };
  const unavailable = (c: Ctx) => c.text(t.notRunning, 503, { "Retry-After": "1" });

  return (app) => {
    app.get("/sandbox/assets/:name", (c) => {
      const asset = ASSETS[c.req.param("name")];
      if (!asset) return c.notFound();
      c.header("Content-Type", asset.type);
      c.header("Cache-Control", "public, max-age=31536000, immutable");
      return c.body(asset.body);
    });

    app.get("/sandbox", async (c) => {
      if (!runtime.running) return unavailable(c);
      const store = runtime.store;
      const personas = store.personas();
      const persona = personas.find((p) => p.id === c.req.query("p")) ?? personas.find((p) => p.id === OFFICE_PERSONA) ?? personas[0];
      if (!persona) return unavailable(c);
      // A bot's link to its private chat ("Mở tin nhắn riêng"): typed there as /start, as Telegram does.
      const start = c.req.query("start");
      if (start !== undefined) {
        await runtime.adapter.say(persona.id, privateChatOf(persona.id), `/start ${start}`);
        return back(c, persona.id, privateChatOf(persona.id));
      }
      const latest = store.latestIds();
      const chats = store.chatsOf(persona.id).map((ch) => ({ ...ch, last: latest[ch.id] ? store.message(latest[ch.id]!) : undefined }));
      const wanted = c.req.query("c");
      const chat = chats.find((ch) => ch.id === wanted) ?? chats.find((ch) => ch.kind === "private") ?? chats[0];
      const page = renderPage({
        personas,
        persona,
        chats,
        chat,
        messages: chat ? store.messages(chat.id) : [],
        now: runtime.clock.now(),
        timezone: runtime.timezone,
        consoleUrl: runtime.consoleUrl,
        assetVersion: VERSION,
        flash: c.req.query("f") ?? null,
      });
      c.header("Cache-Control", "no-store");
      return c.html(page);
    });

    app.get("/sandbox/files/:id", async (c) => {
      if (!runtime.running) return unavailable(c);
      const f = runtime.store.file(c.req.param("id"));
      if (!f) return c.notFound();
      c.header("Content-Type", f.mime);
      c.header("Content-Disposition", `${f.kind === "photo" ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      c.header("Content-Security-Policy", "default-src 'none'; sandbox");
      c.header("X-Content-Type-Options", "nosniff");
      return c.body(new Uint8Array(await readFile(f.path)));
    });

    app.get("/sandbox/events", (c) =>
      streamSSE(c, async (stream) => {
        const send = (data: unknown) => {
          stream.writeSSE({ event: "change", data: JSON.stringify(data) }).catch(() => undefined);
        };
        runtime.on("change", send);
        stream.onAbort(() => {
          runtime.off("change", send);
        });
        // A comment now and then keeps proxies and the browser from closing a quiet stream.
        while (!stream.aborted && !stream.closed) {
          await stream.writeSSE({ event: "ping", data: "" });
          await stream.sleep(20_000);
        }
        runtime.off("change", send);
      }),
    );

    app.post("/sandbox/say", async (c) => {
      if (!runtime.running) return unavailable(c);
      const form = (await c.req.parseBody()) as Form;
      return answer(c, form, await runtime.adapter.say(str(form, "p"), str(form, "c"), str(form, "text")));
    });

    app.post("/sandbox/press", async (c) => {
      if (!runtime.running) return unavailable(c);
      const form = (await c.req.parseBody()) as Form;
      const chat = runtime.store.message(Number(str(form, "m")))?.chatId ?? "";
      return answer(c, { ...form, c: chat }, await runtime.adapter.press(str(form, "p"), Number(str(form, "m")), str(form, "d")));
    });

    app.post("/sandbox/attach", async (c) => {
      if (!runtime.running) return unavailable(c);
      const form = (await c.req.parseBody()) as Form;
      const file = form.file;
      if (!(file instanceof File) || file.size === 0) return answer(c, form, { ok: false, reason: "no file" });
      const bytes = Buffer.from(await file.arrayBuffer());
      const name = file.name || "tep-dinh-kem";
      const mime = file.type || guessMime(name);
      return answer(c, form, await runtime.adapter.attach(str(form, "p"), str(form, "c"), { name, mime, bytes }, str(form, "caption")));
    });

    app.post("/sandbox/attach-sample", async (c) => {
      if (!runtime.running) return unavailable(c);
      const form = (await c.req.parseBody()) as Form;
      const bytes = await readFile(SAMPLE_NOTICE);
      return answer(
        c,
        form,
        await runtime.adapter.attach(str(form, "p"), str(form, "c"), { name: t.sampleFileName, mime: "text/plain; charset=utf-8", bytes }),
      );
    });

    app.post("/sandbox/jump", async (c) => {
      if (!runtime.running) return unavailable(c);
      const form = (await c.req.parseBody()) as Form;
      const plus = Number(str(form, "plus"));
      let at: Date | null = null;
      if (Number.isFinite(plus) && plus > 0) at = new Date(runtime.clock.now().getTime() + plus * 1000);
      else {
        const [date, time] = str(form, "at").split("T");
        if (date && time && isLocalDate(date) && isLocalTime(time.slice(0, 5))) at = atLocal(date, time.slice(0, 5), runtime.timezone);
      }
      if (!at) return wantsJson(c) ? c.json({ ok: false, error: t.badDate }, 400) : back(c, str(form, "p"), str(form, "c"), t.badDate);
      await runtime.jumpTo(at);
      return answer(c, form, { ok: true }, t.jumped(formatDateTime(at, runtime.timezone)));
    });

    app.post("/sandbox/reset", async (c) => {
      const form = (await c.req.parseBody()) as Form;
      await runtime.reset();
      return answer(c, { p: str(form, "p"), c: "" }, { ok: true }, t.resetDone);
    });
  };
}
