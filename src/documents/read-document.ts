/**
 * Reads an uploaded document in a worker thread with a bounded heap and a time limit.
 *
 * mammoth builds a DOM of the whole Word XML (about 60 bytes of heap per byte: 5 MB of XML outgrows
 * the service's 192 MB heap) and pdfjs inflates a page's streams synchronously (a 170 MB stream blocks
 * for 25 s). In the main thread either stops every conversation; here the worker dies or is stopped,
 * and the office is told the file could not be read. Workers run one at a time, so two heavy files
 * never hold two heaps at once.
 */
import { Worker } from "node:worker_threads";
import { extractMessagesVi as msg } from "./messages-vi.js";
import { extractDocumentText, type ExtractOptions, type ExtractResult } from "./extract-text.js";
import { sniff } from "./sniff.js";
import type { Logger } from "../logging/logger.js";

export interface WorkerLimits {
  /** old-generation heap of the worker, in MB */
  memoryMb: number;
  /** wall-clock limit for one document */
  timeoutMs: number;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = { memoryMb: 160, timeoutMs: 20_000 };

let queue: Promise<unknown> = Promise.resolve();

export function readDocument(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions = {},
  limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
  logger?: Logger,
): Promise<ExtractResult> {
  // Text, images and other refusals need no library: only Word and PDF files are worth a worker.
  const kind = sniff(bytes);
  if (kind !== "pdf" && kind !== "docx" && kind !== "ole") return extractDocumentText(bytes, fileName, options);
  const run = queue.then(() => readInWorker(bytes, fileName, options, limits, logger));
  queue = run.catch(() => undefined);
  return run;
}

function readInWorker(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions,
  limits: WorkerLimits,
  logger: Logger | undefined,
): Promise<ExtractResult> {
  const unreadable: ExtractResult = { ok: false, reason: "unreadable", message: msg.unreadable };
  const started = Date.now();
  logger?.info({ bytes: bytes.byteLength, memoryMb: limits.memoryMb, timeoutMs: limits.timeoutMs }, "reading a document in the worker");
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: ExtractResult, why?: string, err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (why) logger?.warn({ why, err, bytes: bytes.byteLength, ms: Date.now() - started }, "document worker gave up");
      resolve(r);
    };
    const worker = new Worker(new URL("./extract-worker.mjs", import.meta.url), {
      workerData: { bytes, fileName, options },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      // the worker's output is the result message; its console is not the service's log
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(() => {
      settle(unreadable, "time limit");
      void worker.terminate();
    }, limits.timeoutMs);
    worker.on("message", (r: ExtractResult) => {
      settle(r);
      void worker.terminate();
    });
    // ERR_WORKER_OUT_OF_MEMORY, a crash in a library, or an exit without an answer
    worker.on("error", (err) => settle(unreadable, "worker error", err));
    worker.on("exit", (code) => settle(unreadable, `worker exited with code ${code}`));
  });
}
