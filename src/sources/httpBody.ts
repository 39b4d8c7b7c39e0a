// GET over HTTP with the source's headers, reading at most `maxBytes` of the answer.
import { SourceReadError, sizeText } from "./limits";

export async function getCapped(
  url: string,
  headers: Record<string, string>,
  maxBytes: number,
  signal: AbortSignal,
  /** Error statuses whose body is still wanted. */
  readBodyOf: number[] = [],
): Promise<string> {
  const res = await fetch(url, { headers, signal, redirect: "error" });
  if (!res.ok && !readBodyOf.includes(res.status)) {
    await res.body?.cancel().catch(() => undefined);
    const transient = res.status === 429 || res.status === 502 || res.status === 503 || res.status === 504;
    throw new SourceReadError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`, transient);
  }
  const declared = Number(res.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (!reader) return "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function tooLarge(maxBytes: number): SourceReadError {
  return new SourceReadError(`the answer is larger than ${sizeText(maxBytes)}`);
}
