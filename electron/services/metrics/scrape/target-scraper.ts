// Scrapes one resolved target again and again (once for metrics.scrape, every tick for
// a watch): each route's connection is kept, the route that answered last is tried
// first, and a route that cannot connect gives way to the next within the time left.
import { PromsteadError } from '@shared/contract';
import { ScrapeConnection } from './scrape-connection';
import { isConnectFailure } from './scrape-errors';
import { scrapeExposition, type ExpositionScrape } from './scrape-exposition';
import type { ResolvedTarget } from './scrape-target';

export interface ScrapeLimits {
  maxBytes: number;
  maxSeries: number;
}

export interface TargetScraperOptions {
  limits: ScrapeLimits;
  /** Keep connections between scrapes (a watch). */
  keepAlive: boolean;
}

/** A direct route that does not connect within this long leaves time for the SSH route. */
const fallbackConnectMs = 3000;

export class TargetScraper {
  private readonly connections = new Map<number, ScrapeConnection>();
  private preferred = 0;

  constructor(
    private readonly target: ResolvedTarget,
    private readonly options: TargetScraperOptions,
  ) {
    if (target.routes.length === 0) throw new PromsteadError('INTERNAL', 'A scrape target without a route.');
  }

  async scrape(
    timeoutMs: number,
    signal?: AbortSignal,
    acceptEncoding?: 'gzip' | 'identity',
  ): Promise<ExpositionScrape> {
    const order = [this.preferred, ...this.target.routes.keys()].filter(
      (index, position, all) => all.indexOf(index) === position,
    );
    const deadline = Date.now() + timeoutMs;
    const failures: { label: string; error: PromsteadError }[] = [];
    for (const [position, index] of order.entries()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const last = position === order.length - 1;
      const connection = this.connection(
        index,
        last ? remaining : Math.min(fallbackConnectMs, remaining / 2),
      );
      try {
        const scrape = await scrapeExposition(connection, {
          timeoutMs: remaining,
          maxBytes: this.options.limits.maxBytes,
          maxSeries: this.options.limits.maxSeries,
          ...(this.target.auth ? { auth: this.target.auth } : {}),
          ...(signal ? { signal } : {}),
          ...(acceptEncoding ? { acceptEncoding } : {}),
        });
        this.preferred = index;
        return scrape;
      } catch (error) {
        const label = connection.route.via === 'ssh' ? 'Through SSH' : 'Directly';
        if (last || !isConnectFailure(error)) throw combined(failures, label, error);
        failures.push({ label, error: error as PromsteadError });
      }
    }
    throw combined(failures, '', undefined);
  }

  close(): void {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }

  private connection(index: number, connectTimeoutMs: number): ScrapeConnection {
    let connection = this.connections.get(index);
    const route = this.target.routes[index];
    if (!route) throw new PromsteadError('INTERNAL', `No scrape route ${index}.`);
    if (!connection) {
      connection = new ScrapeConnection(route, { keepAlive: this.options.keepAlive, connectTimeoutMs });
      this.connections.set(index, connection);
    }
    connection.connectTimeoutMs = connectTimeoutMs;
    return connection;
  }
}

/** The last route's error, saying first why the earlier routes were not used. */
function combined(
  failures: { label: string; error: PromsteadError }[],
  label: string,
  error: unknown,
): unknown {
  if (failures.length === 0 || (error !== undefined && !(error instanceof PromsteadError))) return error;
  const before = failures.map((failure) => `${failure.label}: ${failure.error.message}`).join(' ');
  if (error instanceof PromsteadError)
    return new PromsteadError(error.code, `${before} ${label}: ${error.message}`, error.details);
  const lastFailure = failures[failures.length - 1];
  return new PromsteadError(
    lastFailure?.error.code ?? 'TIMEOUT',
    `${before} No time was left to try another route.`,
  );
}
