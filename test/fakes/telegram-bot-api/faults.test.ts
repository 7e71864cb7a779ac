/**
 * Fault injection: reproducible random 5xx and resets, scripted failures, rates close to the
 * configured probabilities.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { FakeBotApi } from "./fake-bot-api.js";
import { Faults } from "./faults.js";
import { startFakeBotApi } from "./server.js";
import { botFor } from "./testing.js";
import type { FakeBotApiOptions } from "./types.js";

const fakes: FakeBotApi[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function start(options: Partial<FakeBotApiOptions>): Promise<FakeBotApi> {
  const f = await startFakeBotApi({ rateLimits: false, ...options });
  fakes.push(f);
  return f;
}

async function send(fake: FakeBotApi, chatId: number, text: string): Promise<string> {
  try {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: chatId, text }),
    });
    return String(res.status);
  } catch {
    return "reset";
  }
}

/**
 * 20 sends to each of 10 chats: sequential within a chat, the chats concurrently (so the arrival
 * order across chats varies between runs). Returns the outcomes per chat.
 */
async function outcomes(fake: FakeBotApi): Promise<string[][]> {
  return Promise.all(
    Array.from({ length: 10 }, async (_, chat) => {
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push(await send(fake, 100 + chat, `m${i}`));
      return out;
    }),
  );
}

describe("random faults", () => {
  const faults = { seed: 42, serverErrorRate: 0.2, resetRate: 0.1, serverErrorCodes: [500, 502] };

  it("are reproducible for the same seed, per chat, and differ for another seed", async () => {
    const a = await start({ faults });
    const b = await start({ faults });
    const c = await start({ faults: { ...faults, seed: 43 } });
    const [ra, rb, rc] = await Promise.all([outcomes(a), outcomes(b), outcomes(c)]);
    expect(ra).toEqual(rb);
    expect(ra).not.toEqual(rc);
    expect(a.stats()).toEqual(b.stats());
  });

  it("happen at about the configured rates and never deliver refused messages", async () => {
    const fake = await start({ faults });
    const results = (await outcomes(fake)).flat();
    const count = (s: string) => results.filter((r) => r === s).length;
    const resets = count("reset");
    const errors = count("500") + count("502");
    expect(resets).toBeGreaterThan(5);
    expect(resets).toBeLessThan(40);
    expect(errors).toBeGreaterThan(15);
    expect(errors).toBeLessThan(65);
    expect(count("500")).toBeGreaterThan(0);
    expect(count("502")).toBeGreaterThan(0);
    const stats = fake.stats();
    expect(stats).toMatchObject({ resets, injected5xx: errors, delivered: count("200") });
    expect(fake.allMessages()).toHaveLength(count("200"));
  });

  it("a reset reaches telegraf as a FetchError and is not delivered", async () => {
    const fake = await start({ faults: { resetRate: 1 } });
    const err = (await botFor(fake)
      .telegram.sendMessage(1, "x")
      .catch((e: unknown) => e)) as Error & { code?: string };
    expect(err.name).toBe("FetchError");
    expect(fake.allMessages()).toEqual([]);
    // faults apply to the sending methods only by default
    expect((await botFor(fake).telegram.getMe()).is_bot).toBe(true);
  });

  it("can be switched on and off at run time and applied to other methods", async () => {
    const fake = await start({});
    expect(await send(fake, 1, "a")).toBe("200");
    fake.configure({ faults: { serverErrorRate: 1, methods: ["sendMessage", "getMe"] } });
    expect(await send(fake, 1, "b")).toBe("500");
    expect((await fetch(`${fake.apiRoot}/bot${fake.token}/getMe`)).status).toBe(500);
    fake.configure({ faults: { serverErrorRate: 0 } });
    expect(await send(fake, 1, "c")).toBe("200");
    expect(fake.allMessages().map((m) => m.text)).toEqual(["a", "c"]);
  });

  it("decisions depend only on (seed, chat, attempt)", () => {
    const f1 = new Faults({ seed: 7, serverErrorRate: 0.5 });
    const f2 = new Faults({ seed: 7, serverErrorRate: 0.5 });
    const seq1 = Array.from({ length: 50 }, () => f1.decide("sendMessage", "-100").kind);
    // interleave calls to another chat on f2: chat -100's sequence must not change
    const seq2 = Array.from({ length: 50 }, () => {
      f2.decide("sendMessage", "555");
      return f2.decide("sendMessage", "-100").kind;
    });
    expect(seq2).toEqual(seq1);
    expect(new Set(seq1)).toEqual(new Set(["none", "error"]));
  });
});

describe("scripted failures (failNext)", () => {
  it("fails the next n calls of a method with the given error, then recovers", async () => {
    const fake = await start({});
    const bot = botFor(fake);
    fake.failNext("sendMessage", 2, { error_code: 400, description: "Bad Request: custom failure" });
    const errors: string[] = [];
    for (const t of ["1", "2", "3"]) {
      await bot.telegram.sendMessage(9, t).catch((e: Error) => errors.push(e.message));
    }
    expect(errors).toEqual(["400: Bad Request: custom failure", "400: Bad Request: custom failure"]);
    expect(fake.allMessages().map((m) => m.text)).toEqual(["3"]);
  });

  it("can target one chat, use a bare status, a 429 or a reset", async () => {
    const fake = await start({});
    fake.failNext("sendMessage", 1, 429, { chatId: -300 });
    fake.failNext("sendDocument", 1, "reset");
    fake.failNext("getMe", 1, 503);
    expect(await send(fake, -200, "other chat")).toBe("200");
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage?chat_id=-300&text=x`);
    expect(await res.json()).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    expect(await send(fake, -300, "now ok")).toBe("200");
    await expect(
      fetch(`${fake.apiRoot}/bot${fake.token}/sendDocument`, {
        method: "POST",
        body: new URLSearchParams({ chat_id: "1", document: "x" }),
      }),
    ).rejects.toThrow();
    expect((await fetch(`${fake.apiRoot}/bot${fake.token}/getMe`)).status).toBe(503);
    expect(fake.stats()).toMatchObject({ rateLimited429: 1, resets: 1, injected5xx: 1, rateLimitedByChat: { "-300": 1 } });
  });
});
