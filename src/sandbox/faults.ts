import type { FaultSpec, RateLimitSpec } from "./types";

/** A small seeded PRNG (mulberry32), so a run with random faults can be repeated. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Queue of injected faults, consumed in the order they were injected; and random faults, which
 * hit each matching call with a probability (checked after the queue).
 */
export class FaultInjector {
  private faults: Array<{ spec: FaultSpec; remaining: number }> = [];
  private random: Array<{ spec: FaultSpec; probability: number }> = [];
  private rng = seeded(1);

  /** Each call to `spec.method` fails this way with `probability`; several random faults add up. */
  injectRandom(spec: FaultSpec, probability: number, seed?: number): void {
    if (!(probability >= 0 && probability <= 1)) throw new Error("injectRandom: probability must be within 0..1");
    if (seed !== undefined) this.rng = seeded(seed);
    this.random.push({ spec, probability });
  }

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`injectFault: times must be a positive integer`);
    this.faults.push({ spec, remaining: times });
  }

  /** Consume and return the first fault matching `method` ("*" matches API methods only). */
  take(method: string, isApiMethod: boolean): FaultSpec | undefined {
    const idx = this.faults.findIndex(
      (f) => f.remaining > 0 && (f.spec.method === method || (f.spec.method === "*" && isApiMethod)),
    );
    const f = this.faults[idx];
    if (!f) return this.takeRandom(method, isApiMethod);
    f.remaining -= 1;
    if (f.remaining === 0) this.faults.splice(idx, 1);
    return f.spec;
  }

  private takeRandom(method: string, isApiMethod: boolean): FaultSpec | undefined {
    const matching = this.random.filter((r) => r.spec.method === method || (r.spec.method === "*" && isApiMethod));
    if (matching.length === 0) return undefined;
    let roll = this.rng();
    for (const r of matching) {
      if (roll < r.probability) return r.spec;
      roll -= r.probability;
    }
    return undefined;
  }

  pending(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f.spec, times: f.remaining }));
  }

  clear(): void {
    this.faults = [];
    this.random = [];
  }
}

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** Seconds until one token is available (0 = available now). Does not consume. */
  waitSeconds(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return (1 - this.tokens) / this.rate;
  }

  consume(): void {
    this.tokens -= 1;
  }
}

/** Token-bucket rate limits per method and optionally per (method, channel). */
export class RateLimiter {
  private specs = new Map<string, RateLimitSpec>();
  private buckets = new Map<string, TokenBucket>();

  set(method: string, spec: RateLimitSpec): void {
    for (const r of [spec.perSecond, spec.perChannelPerSecond]) {
      if (r !== undefined && !(r > 0)) throw new Error(`setRateLimit(${method}): rates must be > 0`);
    }
    this.specs.set(method, spec);
    for (const k of [...this.buckets.keys()]) if (k.startsWith(`${method}\u0000`)) this.buckets.delete(k);
  }

  clear(): void {
    this.specs.clear();
    this.buckets.clear();
  }

  private bucket(key: string, rate: number, burst: number | undefined, now: number): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(rate, burst ?? Math.max(2, Math.ceil(rate)), now);
      this.buckets.set(key, b);
    }
    return b;
  }

  /**
   * Admit a call or return the Retry-After (whole seconds, ≥ 1) to answer with.
   * A rejected call consumes nothing.
   */
  check(
    method: string,
    channel: string | undefined,
    now = Date.now(),
  ): { ok: true } | { ok: false; retryAfter: number } {
    const spec = this.specs.get(method);
    if (!spec) return { ok: true };
    const buckets = [this.bucket(`${method}\u0000*`, spec.perSecond, spec.burst, now)];
    if (spec.perChannelPerSecond !== undefined && channel !== undefined) {
      buckets.push(this.bucket(`${method}\u0000#${channel}`, spec.perChannelPerSecond, spec.burst, now));
    }
    const wait = Math.max(...buckets.map((b) => b.waitSeconds(now)));
    if (wait > 0) return { ok: false, retryAfter: Math.max(1, Math.ceil(wait)) };
    for (const b of buckets) b.consume();
    return { ok: true };
  }
}
