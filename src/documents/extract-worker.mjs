// The document worker: reads one uploaded file in its own thread with its own bounded heap, so a
// document that needs too much memory or time kills this thread, never the service (read-document.ts).
// The sources are TypeScript, run through tsx's loader as in bin/service.mjs.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { extractDocumentText } = await import("./extract-text.ts");
const result = await extractDocumentText(workerData.bytes, workerData.fileName, workerData.options);
parentPort.postMessage(result);
