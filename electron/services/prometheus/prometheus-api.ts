// The few Prometheus HTTP API calls a deploy needs: the active targets with their health
// (to verify every target is up), and a config reload. The transport is injected so the
// same code works directly and through an SSH tunnel.
import { PromsteadError } from '@shared/contract';

/**
 * GET or POST a path (with its query string) on the Prometheus server; the body as text.
 * A POST's form goes as application/x-www-form-urlencoded, as Prometheus's own UI sends
 * queries, so a long PromQL expression does not hit a URL length limit.
 */
export type PrometheusHttp = (
  method: 'GET' | 'POST',
  path: string,
  form?: URLSearchParams,
) => Promise<{ status: number; body: string }>;

export interface ActiveTarget {
  job: string;
  instance: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  scrapeUrl: string;
}

export function fetchHttp(baseUrl: string, timeoutMs = 10_000): PrometheusHttp {
  return async (method, path, form) => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...(form ? { body: form } : {}),
    });
    return { status: response.status, body: await response.text() };
  };
}

export async function activeTargets(http: PrometheusHttp): Promise<ActiveTarget[]> {
  const { status, body } = await http('GET', '/api/v1/targets?state=active');
  if (status !== 200) {
    throw new PromsteadError(
      'TRANSPORT',
      `Prometheus answered ${status} to /api/v1/targets: ${body.slice(0, 200)}`,
    );
  }
  const parsed = parseJson(body) as { data?: { activeTargets?: unknown[] } };
  const targets = parsed.data?.activeTargets;
  if (!Array.isArray(targets))
    throw new PromsteadError('TRANSPORT', 'Prometheus sent no activeTargets list.');
  return targets.map((raw) => {
    const target = raw as {
      labels?: Record<string, string>;
      health?: string;
      lastError?: string;
      scrapeUrl?: string;
    };
    const health = target.health === 'up' || target.health === 'down' ? target.health : 'unknown';
    return {
      job: target.labels?.job ?? '',
      instance: target.labels?.instance ?? '',
      health,
      lastError: target.lastError ?? '',
      scrapeUrl: target.scrapeUrl ?? '',
    };
  });
}

/** POST /-/reload (needs --web.enable-lifecycle); a refused reload says why. */
export async function reloadConfig(http: PrometheusHttp): Promise<void> {
  const { status, body } = await http('POST', '/-/reload');
  if (status === 200) return;
  throw new PromsteadError(
    status === 403 ? 'FORBIDDEN' : 'TRANSPORT',
    status === 403
      ? 'Prometheus refused the reload: start it with --web.enable-lifecycle (the catalog does).'
      : `Prometheus did not reload its configuration (${status}): ${body.trim().slice(0, 300)}`,
  );
}

export interface TargetsVerdict {
  allUp: boolean;
  targets: ActiveTarget[];
}

/**
 * Polls until every active target has been scraped and is up, or the attempts run out
 * (a fresh target is `unknown` until its first scrape). Bounded in count; the caller's
 * signal stops it early.
 */
export async function waitForTargetsUp(
  http: PrometheusHttp,
  options: { attempts?: number; intervalMs?: number; signal?: AbortSignal; expectedJobs?: string[] } = {},
): Promise<TargetsVerdict> {
  const attempts = options.attempts ?? 60;
  let targets: ActiveTarget[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    options.signal?.throwIfAborted();
    targets = await activeTargets(http);
    const jobs = new Set(targets.map((target) => target.job));
    const complete = (options.expectedJobs ?? []).every((job) => jobs.has(job));
    if (complete && targets.length > 0 && targets.every((target) => target.health === 'up')) {
      return { allUp: true, targets };
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
  return { allUp: false, targets };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PromsteadError(
      'TRANSPORT',
      `Prometheus sent something that is not JSON: ${text.slice(0, 100)}`,
    );
  }
}
