import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactSecrets } from "../../src/logging/logger.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
}

describe("logs never carry secrets", () => {
  it("scrubs bot tokens from text and from errors (HTTP errors embed the request URL)", () => {
    expect(redactSecrets(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`)).toBe(
      "request to https://api.telegram.org/bot<redacted>/sendMessage failed",
    );
    const { logger, lines } = capture();
    const err = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed, reason: ECONNRESET`);
    logger.error({ err }, `calling bot${TOKEN}`);
    logger.info({ token: TOKEN, config: { telegram: { token: TOKEN } }, cookie: "zpw_sek=abc" }, "settings");
    const out = lines.join("");
    expect(out).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0");
    expect(out).not.toContain("zpw_sek=abc");
    expect(out).toContain("<redacted>");
  });
});
