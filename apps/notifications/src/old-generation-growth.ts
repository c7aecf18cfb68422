import { setFlagsFromString } from 'node:v8';

/**
 * How far (percent above what a full collection left live) V8 lets the old generation fill with
 * garbage before it collects again. V8 picks up to 300 % on its own when the heap may grow large;
 * during an audience-scale fan-out every in-flight send's objects outlive two young-generation
 * collections and end up in the old generation as garbage, so with V8's own factor a live set of
 * ~55 MB let the heap climb to ~250 MB (RSS ~340 MB) in a 20,000-per-channel fan-out. At 100 % the
 * heap follows the live set (RSS ~210 MB and level through a 100,000-per-channel fan-out): it
 * still grows as far as the live set needs (this is no cap), V8 just collects sooner. 50 % held
 * RSS lower still (~190 MB) but its extra full collections showed as slower sends on two cores.
 */
export const OLD_GENERATION_GROWTH_PERCENT = 100;

/**
 * Sets V8's old-generation growth (OLD_GENERATION_GROWTH_PERCENT) for this process. Node refuses
 * the flag in NODE_OPTIONS, so the service sets it itself, first thing in main.ts; V8 reads it each
 * time it sets the next collection's threshold, so setting it after start-up takes effect from the
 * next full collection on.
 */
export function setOldGenerationGrowth(percent = OLD_GENERATION_GROWTH_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
