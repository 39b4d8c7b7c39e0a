// The limits on every read of a source: a timeout, a size cap, a few reads at a time, and retries
// with backoff for transient failures only. Failures are short sentences an owner can read.

/** Why a read failed, in words for an owner ("timeout after 5 s"); `transient` ones are retried. */
export class SourceReadError extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
    this.name = "SourceReadError";
  }
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

export function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${Number((bytes / 1_000_000).toFixed(1))} MB` : `${Math.round(bytes / 1000)} kB`;
}

/** At most `limit` holders at a time; the others wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Runs `attempt` with a fresh deadline each time, retrying transient failures after 200 ms, 400 ms, … */
export async function withRetries<T>(
  retries: number,
  timeoutMs: number,
  attempt: (signal: AbortSignal) => Promise<T>,
  backoffMs = 200,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await withTimeout(timeoutMs, attempt);
    } catch (err) {
      const e = asReadError(err, timeoutMs);
      if (!e.transient || n >= retries) throw e;
      await new Promise((r) => setTimeout(r, backoffMs * 2 ** n));
    }
  }
}

async function withTimeout<T>(timeoutMs: number, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SourceReadError(`timeout after ${seconds(timeoutMs)}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([attempt(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "EAI_AGAIN", "ETIMEDOUT", "UND_ERR_SOCKET"]);

/** Turns whatever a client threw into a short sentence, without its details (they may hold a URL with a password). */
export function asReadError(err: unknown, timeoutMs: number): SourceReadError {
  if (err instanceof SourceReadError) return err;
  const e = err as { name?: string; code?: string; cause?: { code?: string } } | null;
  if (e?.name === "AbortError" || e?.name === "TimeoutError")
    return new SourceReadError(`timeout after ${seconds(timeoutMs)}`);
  const code = e?.code ?? e?.cause?.code;
  if (code === "ECONNREFUSED") return new SourceReadError("connection refused", true);
  if (code === "ENOTFOUND") return new SourceReadError("host not found");
  if (code && TRANSIENT_CODES.has(code)) return new SourceReadError(`connection failed (${code})`, true);
  return new SourceReadError(`failed${code ? ` (${code})` : ""}`);
}
