// okr-bot's own memory defaults for V8, applied when the CLI's entry imports this module, before
// the commands load: no operator has to find the right NODE_OPTIONS, in the Docker image or out.
//
// Node sizes V8's heap for the machine, not for the work: the old generation may grow to about four
// times what is live before a full collection, and the young generation to 32 MB. A 2,000-owner
// fan-out lives in about 25 MB of heap, yet peaked at 225–245 MB of RSS. Two limits that V8 reads
// while it runs (the heap's maxima can only be set at startup, hence these) bring it to ~160 MB at
// no measurable cost in CPU:
// - after a full collection the old generation grows by HEAP_GROWING_PERCENT (V8 adds its minimum
//   step of a few MB) before the next one, instead of up to 300 %;
// - the young generation grows until it is YOUNG_GENERATION_MB, then stays that size.
// A flag of the same name on the command line or in NODE_OPTIONS wins over its default here.
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import { nodeFlags } from "../config";

export const HEAP_GROWING_PERCENT = 10;
export const YOUNG_GENERATION_MB = 8;

export function applyMemoryDefaults(flags: readonly string[] = nodeFlags()): void {
  const given = (name: string) => flags.some((f) => f.replaceAll("_", "-").startsWith(`--${name}`));
  if (!given("heap-growing-percent")) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (!given("semi-space-growth-factor") && !given("max-semi-space-size")) stopYoungGenerationAt(YOUNG_GENERATION_MB);
}

/** Lets the young generation (two semi-spaces) double as V8 sees fit until it is `mb`, then keeps it there. */
function stopYoungGenerationAt(mb: number): void {
  const reached = () =>
    (v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0) >= mb * 2 ** 20;
  const stop = () => v8.setFlagsFromString("--semi-space-growth-factor=1");
  if (reached()) {
    stop();
    return;
  }
  const observer = new PerformanceObserver(() => {
    if (!reached()) return;
    stop();
    observer.disconnect();
  });
  observer.observe({ entryTypes: ["gc"] });
}

applyMemoryDefaults();
