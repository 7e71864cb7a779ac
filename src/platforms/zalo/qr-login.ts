/**
 * Signing the council's Zalo account in by QR code, in terms the CLI can print: zca-js's login events
 * (QR generated, expired, scanned, declined, login info) become calls on plain handlers, and the way it
 * ended becomes a typed error. Only this folder knows zca-js's event types.
 */
import { LoginQRCallbackEventType, type LoginQRCallbackEvent } from "zca-js";
import { writeCredentials, type ZaloCredentials } from "./credentials.js";
import { adaptZcaApi, type ZaloApi, type ZaloQrLogin } from "./zalo-api.js";
import { redactSecrets } from "../../logging/logger.js";

export interface QrLoginHandlers {
  /** a QR code to show (PNG bytes); `n` counts from 1; a returned promise (saving the image) is awaited before the end */
  qrCode(png: Buffer, n: number): Promise<void> | void;
  /** the code expired; `again` is false when no new one will be shown */
  expired(again: boolean): void;
  scanned(displayName: string): void;
  declined(): void;
}

/** Why the sign-in did not finish. */
export class QrLoginError extends Error {
  constructor(
    readonly kind: "declined" | "aborted" | "failed" | "no_session",
    message: string,
  ) {
    super(message);
    this.name = "QrLoginError";
  }
}

/**
 * Runs zca-js's QR login, saves the session to `credentialsFile` as soon as Zalo hands it over, and
 * returns the logged-in API. At most `maxCodes` codes are shown (each lasts about 100 s).
 */
export async function signInByQr(
  qrLogin: ZaloQrLogin,
  options: { qrPath: string; userAgent?: string; credentialsFile: string; maxCodes: number; now: Date },
  handlers: QrLoginHandlers,
): Promise<{ api: ZaloApi; credentials: ZaloCredentials }> {
  let shown = 0;
  let declined = false;
  let credentials: ZaloCredentials | undefined;
  const pending: Promise<unknown>[] = [];
  const onEvent = (event: LoginQRCallbackEvent) => {
    switch (event.type) {
      case LoginQRCallbackEventType.QRCodeGenerated:
        shown++;
        pending.push(Promise.resolve(handlers.qrCode(Buffer.from(event.data.image, "base64"), shown)));
        return;
      case LoginQRCallbackEventType.QRCodeExpired:
        if (shown >= options.maxCodes) {
          handlers.expired(false);
          event.actions.abort();
        } else {
          handlers.expired(true);
          event.actions.retry();
        }
        return;
      case LoginQRCallbackEventType.QRCodeScanned:
        handlers.scanned(event.data.display_name);
        return;
      case LoginQRCallbackEventType.QRCodeDeclined:
        declined = true;
        handlers.declined();
        event.actions.abort();
        return;
      case LoginQRCallbackEventType.GotLoginInfo:
        credentials = {
          imei: event.data.imei,
          userAgent: event.data.userAgent,
          cookie: event.data.cookie as unknown as ZaloCredentials["cookie"],
        };
        pending.push(writeCredentials(options.credentialsFile, credentials, options.now));
        return;
    }
  };
  let api: ZaloApi;
  try {
    api = adaptZcaApi(await qrLogin({ qrPath: options.qrPath, ...(options.userAgent ? { userAgent: options.userAgent } : {}) }, onEvent));
  } catch (err) {
    await Promise.allSettled(pending);
    const name = (err as Error)?.name ?? "";
    if (declined || /Declined/.test(name)) throw new QrLoginError("declined", "declined on the phone");
    if (/Aborted/.test(name)) throw new QrLoginError("aborted", "stopped before the QR code was scanned");
    throw new QrLoginError("failed", redactSecrets((err as Error)?.message ?? String(err)));
  }
  await Promise.all(pending);
  if (!credentials) throw new QrLoginError("no_session", "finished without handing over the session");
  return { api, credentials };
}
