/** Webhook mode: Telegram (the fake) pushes updates with the secret header; anything without it is refused. */
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let e: E2E | undefined;
afterEach(() => e?.close());

describe("webhook mode", () => {
  it("receives updates pushed with the secret and refuses requests without it", async () => {
    const port = await freePort();
    const secret = "s3cret_token_for_tests_0123456789";
    e = await E2E.start({
      env: {
        TELEGRAM_WEBHOOK_URL: `https://127.0.0.1:${port}/telegram`,
        TELEGRAM_WEBHOOK_SECRET: secret,
        TELEGRAM_WEBHOOK_PORT: String(port),
        TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
      },
    });
    expect(e.fake.webhook()?.url).toBe(`https://127.0.0.1:${port}/telegram`);
    const an = person(8101, "An");
    const reply = await e.ask(an, "/trogiup", /Để bắt đầu/);
    expect(reply.plainText).toMatch(/\/start/);

    const forged = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        update_id: 999999,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 8102, type: "private" },
          from: { id: 8102, is_bot: false, first_name: "X" },
          text: "/trogiup",
        },
      }),
    });
    expect(forged.status).toBe(403);
    const wrong = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "nope" },
      body: "{}",
    });
    expect(wrong.status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(e.fake.messagesTo(8102)).toHaveLength(0);
  });
});
