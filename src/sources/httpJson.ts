// A number at a JSON pointer in the answer of the operator's URL.
import type { ResolvedSource } from "../config";
import { numberAtPointer } from "../domain/sources";
import { getCapped } from "./httpBody";
import { SourceReadError } from "./limits";

export async function readHttpJson(
  source: ResolvedSource,
  pointer: string,
  params: Record<string, string> | undefined,
  signal: AbortSignal,
): Promise<number> {
  const url = new URL(source.url!);
  if (params && Object.keys(params).length > 0) {
    if (!source.allowParams) throw new SourceReadError("this source takes no query parameters (allow_params)");
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  }
  const text = await getCapped(
    url.toString(),
    { accept: "application/json", ...source.headers },
    source.maxBytes,
    signal,
  );
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new SourceReadError("the answer is not JSON");
  }
  const parsed = numberAtPointer(doc, pointer);
  if (!parsed.ok) throw new SourceReadError(parsed.reason);
  return parsed.value;
}
