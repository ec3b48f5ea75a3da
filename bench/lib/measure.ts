/** Small helpers the benchmarks share: medians, percentiles and an RSS sampler. */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Samples RSS every `ms` until stopped; returns the peak seen (MB), and the process's own max RSS. */
export function rssSampler(ms = 100): { stop(): { peakMb: number; maxRssMb: number } } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { peakMb: peak / 1048576, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    },
  };
}

/** The machine's load, printed beside every figure (the benchmarks run on a shared machine). */
export async function loadAverage(): Promise<string> {
  const { loadavg, cpus } = await import('node:os');
  return `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`;
}
