/**
 * A small multipart/form-data parser over a fully buffered body (uploads are at most 50 MB, as on
 * Telegram). It accepts what telegraf writes (headers as "name:value" without a space, no part
 * Content-Type, UTF-8 file names in quotes) as well as what browsers, undici's FormData and curl
 * write (quoted names with %22 or backslash escapes, filename*=UTF-8''...).
 */

export interface MultipartPart {
  name: string;
  /** Present for file parts. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary from a Content-Type header, or null. */
export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

const CRLFCRLF = Buffer.from("\r\n\r\n");
const LFLF = Buffer.from("\n\n");

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError("multipart boundary not found");
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter ends the body
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    // skip transport padding and the line break
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d) pos++;
    if (body[pos] === 0x0a) pos++;
    else throw new MultipartError("malformed multipart delimiter line");

    let headerEnd = body.indexOf(CRLFCRLF, pos);
    let dataStart = headerEnd + 4;
    const lfEnd = body.indexOf(LFLF, pos);
    if (lfEnd >= 0 && (headerEnd < 0 || lfEnd < headerEnd)) {
      headerEnd = lfEnd;
      dataStart = lfEnd + 2;
    }
    if (headerEnd < 0) throw new MultipartError("multipart part headers not terminated");
    const headers = parseHeaders(body.toString("utf8", pos, headerEnd));

    const next = body.indexOf(delimiter, dataStart);
    if (next < 0) throw new MultipartError("multipart body not terminated");
    let dataEnd = next;
    if (body[dataEnd - 1] === 0x0a) dataEnd--;
    if (body[dataEnd - 1] === 0x0d) dataEnd--;
    if (dataEnd < dataStart) dataEnd = dataStart;

    const disposition = headers.get("content-disposition");
    if (disposition) {
      const params = parseDisposition(disposition);
      const name = params.get("name");
      if (name !== undefined) {
        const part: MultipartPart = { name, data: body.subarray(dataStart, dataEnd) };
        const filename = params.get("filename*") ?? params.get("filename");
        if (filename !== undefined) part.filename = filename;
        const type = headers.get("content-type");
        if (type !== undefined) part.contentType = type;
        parts.push(part);
      }
    }
    pos = next;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Parameters of a Content-Disposition value ("form-data; name=...; filename=..."). */
export function parseDisposition(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const key = m[1]!.toLowerCase();
    let v: string;
    if (m[2] !== undefined) {
      v = m[2].replace(/\\(.)/g, "$1").replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
    } else {
      v = (m[3] ?? "").trim();
    }
    if (key.endsWith("*")) {
      // RFC 5987: charset'lang'percent-encoded
      const ext = /^([^']*)'[^']*'(.*)$/.exec(v);
      if (ext) {
        try {
          v = decodeURIComponent(ext[2]!);
        } catch {
          v = ext[2]!;
        }
      }
    }
    params.set(key, v);
  }
  return params;
}
