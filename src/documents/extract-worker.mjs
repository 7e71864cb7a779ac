// The document worker: reads one uploaded file in its own thread with its own bounded heap, so a
// document that needs too much memory or time kills this thread, never the service (read-document.ts).
// Beside the compiled code (dist/, see scripts/build.mjs) it imports the compiled reader; beside the
// TypeScript sources it runs them through tsx's loader as bin/entry.mjs does.
import { existsSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

const compiled = new URL("./extract-text.js", import.meta.url);
let reader;
if (existsSync(compiled)) reader = await import(compiled.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  reader = await import("./extract-text.ts");
}
const { extractDocumentText } = reader;
const result = await extractDocumentText(workerData.bytes, workerData.fileName, workerData.options);
parentPort.postMessage(result);
