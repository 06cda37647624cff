// metrics.scrape and metrics.watch scrape a target once, or tick by tick while it is watched.
// The limits come from the settings at each call, so a raised limit applies at once.
import { PromsteadError } from '@shared/contract';
import type { NamespaceHandlers } from '../boundary';
import { openTcpThrough, type TcpStreamOpener } from '../ssh';
import type { MetricsHandlerServices, ScrapeFamilies } from './metrics-services';
import {
  resolveTarget,
  runWatch,
  scrapeOnce,
  TargetScraper,
  type ScrapeLimits,
  type TargetResolver,
} from './scrape';

export function scrapeLimits(services: Pick<MetricsHandlerServices, 'settings'>): ScrapeLimits {
  const { maxScrapeBytes, maxSeries } = services.settings.get().metrics;
  return { maxBytes: maxScrapeBytes, maxSeries };
}

/**
 * The SSH route opens the host's connection only when it is used: a deployment that
 * answers directly never needs SSH (nor the host's secrets).
 */
function lazySshStreams(services: MetricsHandlerServices, hostId: string): TcpStreamOpener {
  let target: ReturnType<MetricsHandlerServices['hosts']['target']> | undefined;
  return async (port, signal) => {
    // A failure (the host's key changed, a secret is missing) is not kept: the next tick asks again.
    target ??= services.hosts.target(hostId).catch((error: unknown) => {
      target = undefined;
      throw error;
    });
    const ssh = (await target).ssh;
    if (!ssh) throw new PromsteadError('INTERNAL', `Host ${hostId} has no SSH connection.`);
    return openTcpThrough(await ssh.connection(signal), port);
  };
}

export function targetResolver(services: MetricsHandlerServices): TargetResolver {
  return {
    deployments: (hostId) => services.deploy.list(hostId),
    host: (hostId) => services.hosts.get(hostId),
    sshStreams: async (hostId) =>
      services.hosts.get(hostId).kind === 'ssh' ? lazySshStreams(services, hostId) : undefined,
    readSecret: async (id) => {
      try {
        return await services.secrets.get(id);
      } catch (error) {
        if (error instanceof PromsteadError && error.code === 'NOT_FOUND')
          throw new PromsteadError(
            'SECRET_UNAVAILABLE',
            `The scrape credential (secret ${id}) is not in the secret store any more: enter it again.`,
          );
        throw error;
      }
    },
  };
}

/** One scrape of a target, as the drop preview wants it: its families with their samples. */
export function scrapeFamiliesOf(services: MetricsHandlerServices): ScrapeFamilies {
  const resolver = targetResolver(services);
  return async (target, signal) => {
    const result = await scrapeOnce(await resolveTarget(target, resolver), {
      limits: scrapeLimits(services),
      timeoutMs: 10_000,
      ...(signal ? { signal } : {}),
    });
    return result.families;
  };
}

export function scrapeHandlers(
  services: MetricsHandlerServices,
): Pick<NamespaceHandlers<'metrics'>, 'metrics.scrape' | 'metrics.watch'> {
  const resolver = targetResolver(services);
  return {
    'metrics.scrape': async (input) =>
      scrapeOnce(await resolveTarget(input.target, resolver), {
        limits: scrapeLimits(services),
        timeoutMs: input.timeoutMs,
        ...(input.families ? { families: input.families } : {}),
      }),
    'metrics.watch': (input, job) =>
      runWatch(input, job, async () => {
        const target = await resolveTarget(input.target, resolver);
        return new TargetScraper(target, { limits: scrapeLimits(services), keepAlive: true });
      }),
  };
}
