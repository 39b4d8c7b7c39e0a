/**
 * Poll until `check` returns (or resolves to) a truthy value (returned) or throw after `timeoutMs`.
 * Bolt acks before listeners finish, so the bot's API calls may land after the request returns.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 2000);
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waitFor timed out${opts.message ? `: ${opts.message}` : ""}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 10));
  }
}
