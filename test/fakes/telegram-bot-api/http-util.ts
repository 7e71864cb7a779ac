/** Writing JSON answers (shared by the Bot API routes and the control API). */
import type { ServerResponse } from "node:http";

export function sendJson(res: ServerResponse, status: number, payload: unknown, extra?: Record<string, string | number>): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}
