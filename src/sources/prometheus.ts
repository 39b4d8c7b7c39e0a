// An instant PromQL query over Prometheus' HTTP API: one number from a scalar or a one-sample vector.
import type { ResolvedSource } from "../config";
import { parsePrometheusAnswer } from "../domain/sources";
import { getCapped } from "./httpBody";
import { SourceReadError, seconds } from "./limits";

export async function readPrometheus(source: ResolvedSource, query: string, signal: AbortSignal): Promise<number> {
  const base = source.url!.replace(/\/+$/, "");
  // Prometheus stops the evaluation itself a little before our own deadline.
  const params = new URLSearchParams({ query, timeout: `${Math.max(1, Math.floor(source.timeoutMs / 1000))}s` });
  // Prometheus explains a bad query (400, 422) or its own timeout (503) in a JSON body.
  const text = await getCapped(
    `${base}/api/v1/query?${params}`,
    source.headers,
    source.maxBytes,
    signal,
    [400, 422, 503],
  );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SourceReadError("Prometheus did not answer with JSON");
  }
  const parsed = parsePrometheusAnswer(body);
  if (!parsed.ok) {
    if (/query timed out/i.test(parsed.reason)) throw new SourceReadError(`timeout after ${seconds(source.timeoutMs)}`);
    throw new SourceReadError(parsed.reason);
  }
  return parsed.value;
}
