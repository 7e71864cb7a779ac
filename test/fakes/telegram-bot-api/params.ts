/**
 * Request parameters of a Bot API call, whatever way they came (query string, JSON, urlencoded or
 * multipart), with Telegram's lenient coercions ("123" is a number, "true" a boolean, a JSON string
 * is an object), and the error type handlers throw.
 */
import type { IncomingMessage } from "node:http";
import { MultipartError, multipartBoundary, parseMultipart } from "./multipart.js";
import type { TgErrorBody } from "./types.js";

/** A Bot API error answer. Thrown by handlers, turned into `{ok:false,...}` by the server. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: TgErrorBody["parameters"],
  ) {
    super(`${code}: ${description}`);
    this.name = "ApiError";
  }

  static badRequest(detail: string): ApiError {
    return new ApiError(400, `Bad Request: ${detail}`);
  }

  toBody(): TgErrorBody {
    const body: TgErrorBody = { error_code: this.code, description: this.description };
    if (this.parameters) body.parameters = this.parameters;
    return body;
  }
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType?: string;
  data: Buffer;
}

export class Params {
  constructor(
    readonly values: Record<string, unknown>,
    /** File parts of a multipart body, by field name. */
    readonly files: Map<string, UploadedFile> = new Map(),
  ) {}

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  raw(name: string): unknown {
    return this.values[name];
  }

  string(name: string): string | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw ApiError.badRequest(`field "${name}" must be of type String`);
  }

  int(name: string): number | undefined {
    const v = this.values[name];
    if (v === undefined || v === null || v === "") return undefined;
    const n = typeof v === "number" ? v : typeof v === "string" ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n)) throw ApiError.badRequest(`invalid ${name} specified`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.values[name];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "1" || v === 1) return true;
    if (v === "false" || v === "0" || v === 0) return false;
    throw ApiError.badRequest(`invalid ${name} specified`);
  }

  /** An object or array given either as JSON value or as a JSON string (multipart/urlencoded). */
  json(name: string, errorDetail?: string): unknown {
    const v = this.values[name];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw ApiError.badRequest(errorDetail ?? `can't parse ${name} JSON object`);
    }
  }
}

export class BodyTooLargeError extends Error {}

/** Reads the whole body (up to `maxBytes`). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return; // keep draining so the 413 answer can be written
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("request aborted")));
  });
}

/** Builds Params from the query string and the body. Throws ApiError on unparsable bodies. */
export function parseParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Params {
  const values: Record<string, unknown> = {};
  for (const [k, v] of query) values[k] = v;
  const files = new Map<string, UploadedFile>();
  if (body.length === 0) return new Params(values, files);
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw ApiError.badRequest("can't parse JSON encoded request");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw ApiError.badRequest("JSON object expected");
    }
    Object.assign(values, parsed);
  } else if (type.startsWith("multipart/form-data")) {
    const boundary = multipartBoundary(contentType ?? "");
    if (!boundary) throw ApiError.badRequest("multipart boundary is missing");
    let parts: ReturnType<typeof parseMultipart>;
    try {
      parts = parseMultipart(body, boundary);
    } catch (err) {
      if (err instanceof MultipartError) throw ApiError.badRequest(`can't parse multipart request: ${err.message}`);
      throw err;
    }
    for (const part of parts) {
      if (part.filename !== undefined) {
        const file: UploadedFile = { field: part.name, filename: part.filename, data: part.data };
        if (part.contentType) file.contentType = part.contentType;
        files.set(part.name, file);
      } else {
        values[part.name] = part.data.toString("utf8");
      }
    }
  } else {
    // application/x-www-form-urlencoded, or anything else: try urlencoded
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) values[k] = v;
  }
  return new Params(values, files);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasLoneSurrogate(v: unknown): boolean {
  if (typeof v === "string") {
    if (LONE_SURROGATE.test(v)) return true;
    // reply_markup, entities, media arrive as JSON text in form bodies: "\ud83d" escapes decode to halves
    if (/^\s*[[{]/.test(v) && v.includes("\\u")) {
      try {
        return hasLoneSurrogate(JSON.parse(v));
      } catch {
        return false;
      }
    }
    return false;
  }
  if (Array.isArray(v)) return v.some(hasLoneSurrogate);
  if (v !== null && typeof v === "object") return Object.values(v).some(hasLoneSurrogate);
  return false;
}

/**
 * Telegram refuses any string parameter that is not valid UTF-8, and half of a surrogate pair (an emoji
 * cut in two) cannot be encoded: "Bad Request: strings must be encoded in UTF-8".
 */
export function checkWellFormedParams(params: Params): void {
  if (hasLoneSurrogate(params.values)) throw ApiError.badRequest("strings must be encoded in UTF-8");
}
