/**
 * Client rate limit (docs/product/tag.md#transport): a token bucket of ≈10 events/s with a burst of
 * 100.
 */
export const RATE_PER_S = 10;
export const RATE_BURST = 100;

let tokens = 1e9;
let last = 0;

export function take(now: number, rate: number, burst: number): boolean {
  tokens = Math.min(burst, tokens + ((now - last) * rate) / 1000);
  last = now;
  if (tokens < 1) return false;
  tokens--;
  return true;
}
