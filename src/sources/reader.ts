// Reads a key result's value from its source, within the source's limits. Never throws: a failure
// is a sentence for the owner ("couldn't read prod-prometheus: timeout after 5 s") without secrets.
import type { ResolvedSource, SourcesConfig } from "../config";
import { type KeyResultSource, keyResultSourceProblem, type SourceKind } from "../domain/sources";
import { readCsv } from "./csv";
import { readHttpJson } from "./httpJson";
import { Semaphore, SourceReadError, withRetries } from "./limits";
import { readPrometheus } from "./prometheus";
import { readSql } from "./sql";

export type Reading =
  | { ok: true; value: number; source: string; at: Date }
  | { ok: false; error: string; source: string };

export type SourceReader = {
  read(spec: KeyResultSource): Promise<Reading>;
  /** The sources that can be read, by name. */
  names(): string[];
  /** The kind of a source the file declares (usable or not); undefined when it declares none by that name. */
  kindOf(name: string): SourceKind | undefined;
};

export function createSourceReader(config: SourcesConfig, now: () => Date = () => new Date()): SourceReader {
  const byName = new Map(config.sources.map((s) => [s.name, s]));
  const gates = new Map(config.sources.map((s) => [s.name, new Semaphore(s.concurrency)]));
  const hide = (text: string) =>
    config.secrets.reduce((out, secret) => (secret.length >= 4 ? out.split(secret).join("***") : out), text);

  return {
    names: () => [...byName.keys()],
    kindOf: (name) => config.kinds.get(name),
    async read(spec) {
      const fail = (why: string): Reading => ({
        ok: false,
        source: spec.name,
        error: hide(`couldn't read ${spec.name}: ${why}`),
      });
      const source = byName.get(spec.name);
      if (!source) {
        const broken = config.broken.get(spec.name);
        return fail(
          broken ? `the sources file has a problem with it (${broken})` : "no such source in the sources file",
        );
      }
      const problem = keyResultSourceProblem(source.kind, spec);
      if (problem) return fail(problem);
      try {
        const value = await gates
          .get(source.name)!
          .run(() => withRetries(source.retries, source.timeoutMs, (signal) => readOnce(source, spec, signal)));
        return { ok: true, value, source: source.name, at: now() };
      } catch (err) {
        return fail(err instanceof SourceReadError ? err.message : "failed");
      }
    },
  };
}

function readOnce(source: ResolvedSource, spec: KeyResultSource, signal: AbortSignal): Promise<number> {
  switch (source.kind) {
    case "prometheus":
      return readPrometheus(source, spec.query!, signal);
    case "sql":
      return readSql(source, spec.query!, signal);
    case "http-json":
      return readHttpJson(source, spec.pointer!, spec.params, signal);
    case "csv":
      return readCsv(source, spec.column!, spec.row, signal);
  }
}
