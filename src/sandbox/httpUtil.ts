import type { IncomingMessage, ServerResponse } from "node:http";
import type { Json } from "./types";

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Fields Slack receives JSON-encoded inside form bodies. */
const JSON_FIELDS = new Set(["blocks", "view", "files", "attachments", "metadata", "unfurls"]);

export class ArgParseError extends Error {
  constructor(
    readonly field: string,
    readonly slackError: string,
  ) {
    super(`cannot parse ${field}`);
  }
}

/** Decode Web API arguments from a form-urlencoded or JSON body plus the query string. */
export function parseApiArgs(contentType: string | undefined, body: Buffer, query: URLSearchParams): Json {
  const args: Json = {};
  for (const [k, v] of query) args[k] = v;
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") {
    if (body.length > 0) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        throw new ArgParseError("body", "invalid_json");
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new ArgParseError("body", "invalid_json");
      Object.assign(args, parsed);
    }
    return args;
  }
  if (type === "multipart/form-data") {
    for (const part of parseMultipart(contentType ?? "", body)) {
      if (part.filename === undefined) args[part.name] = part.data.toString("utf8");
      else args[part.name] = part.data;
    }
  } else {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) args[k] = v;
  }
  for (const field of JSON_FIELDS) {
    const v = args[field];
    if (typeof v !== "string") continue;
    try {
      args[field] = JSON.parse(v);
    } catch {
      throw new ArgParseError(field, field === "blocks" ? "invalid_blocks_format" : "invalid_arguments");
    }
  }
  return args;
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Minimal multipart/form-data parser (what `fetch` + FormData produce). */
export function parseMultipart(contentType: string, body: Buffer): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    if (body.subarray(start, start + 2).toString() === "\r\n") start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Part content ends with CRLF before the next delimiter.
    const part = body.subarray(start, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const data = part.subarray(headerEnd + 4);
      const name = /[;\s]name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const ct = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      if (name !== undefined) {
        parts.push({
          name,
          data: Buffer.from(data),
          ...(filename !== undefined ? { filename } : {}),
          ...(ct ? { contentType: ct } : {}),
        });
      }
    }
    pos = next;
  }
  return parts;
}
