/** A sliding sample of durations with percentiles, for health reports. */
export class LatencyStats {
  private readonly values: number[] = [];

  constructor(private readonly capacity: number) {}

  add(ms: number): void {
    this.values.push(ms);
    if (this.values.length > this.capacity) this.values.shift();
  }

  summary(): { count: number; p50: number | null; p99: number | null; max: number | null } {
    if (this.values.length === 0) return { count: 0, p50: null, p99: null, max: null };
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
  }
}
