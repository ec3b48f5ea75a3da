/**
 * Prometheus metrics (prom-client), one registry per service: deliveries by platform and outcome,
 * failed sends, send-queue depth, feed health and digest build time. Served on /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../store/store.js';

/** The service's metrics. */
export interface Metrics {
  registry: Registry;
  /** A slot ended (`outcome`: sent, failed, paused, skipped, interrupted). */
  slotDone(platform: string, outcome: string): void;
  /** Times one digest build. */
  timeDigest<T>(build: () => Promise<T>): Promise<T>;
}

/** Creates the metrics; `queueDepth` and the store are read at each scrape. */
export function createMetrics(o: { store: Store; queueDepth: () => Record<string, number> }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'newsbot_' });
  const deliveries = new Counter({ name: 'newsbot_deliveries_total', help: 'Scheduled digest slots finished, by platform and outcome', labelNames: ['platform', 'outcome'], registers: [registry] });
  const failures = new Counter({ name: 'newsbot_delivery_failures_total', help: 'Slots that ended failed (gave up after retries)', labelNames: ['platform'], registers: [registry] });
  const build = new Histogram({ name: 'newsbot_digest_build_seconds', help: 'Time to build one digest', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] });
  new Gauge({
    name: 'newsbot_send_queue_depth', help: 'Sends waiting for the platform limits, by platform', labelNames: ['platform'], registers: [registry],
    collect() {
      this.reset();
      for (const [platform, n] of Object.entries(o.queueDepth())) this.set({ platform }, n);
    },
  });
  new Gauge({
    name: 'newsbot_feeds', help: 'Feeds by health: ok, failing (last fetch failed), disabled', labelNames: ['health'], registers: [registry],
    async collect() {
      const feeds = await o.store.listFeeds();
      this.set({ health: 'ok' }, feeds.filter((f) => !f.disabled && f.failures === 0).length);
      this.set({ health: 'failing' }, feeds.filter((f) => !f.disabled && f.failures > 0).length);
      this.set({ health: 'disabled' }, feeds.filter((f) => f.disabled).length);
    },
  });
  return {
    registry,
    slotDone(platform, outcome) {
      deliveries.inc({ platform, outcome });
      if (outcome === 'failed') failures.inc({ platform });
    },
    async timeDigest(fn) {
      const end = build.startTimer();
      try {
        return await fn();
      } finally {
        end();
      }
    },
  };
}
