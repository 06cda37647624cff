// The name and kind of every operation, without schemas, so the sandboxed preload
// can build window.api without bundling zod. contract.ts checks that the two agree.
export const operationKinds = {
  'app.info': 'call',
  'settings.get': 'call',
  'settings.update': 'call',
  'jobs.list': 'call',
  'jobs.cancel': 'call',
  'diagnostics.selfTest': 'job',
  'secrets.put': 'call',
  'secrets.list': 'call',
  'secrets.delete': 'call',
  'discovery.suggestTargets': 'call',
  'discovery.scan': 'job',
  'discovery.inventory': 'call',
  'discovery.annotate': 'call',
  'exporters.list': 'call',
  'exporters.artefacts': 'call',
  'config.render': 'call',
  'config.check': 'call',
  'hosts.list': 'call',
  'hosts.scanKey': 'call',
  'hosts.add': 'call',
  'hosts.addDocker': 'call',
  'hosts.repin': 'call',
  'hosts.remove': 'call',
  'hosts.preflight': 'job',
  'deploy.list': 'call',
  'deploy.plan': 'call',
  'deploy.apply': 'job',
  'deploy.uninstall': 'job',
  'binaries.list': 'call',
  'binaries.add': 'call',
  'binaries.remove': 'call',
  'metrics.scrape': 'call',
  'metrics.watch': 'job',
  'metrics.previewDrops': 'call',
  'metrics.drops': 'call',
  'metrics.saveDrops': 'call',
  'query.instant': 'call',
  'query.range': 'call',
  'query.names': 'call',
  'query.metadata': 'call',
  'query.targets': 'call',
} as const;

export type OperationName = keyof typeof operationKinds;
export type OperationKind = 'call' | 'job';

export const operationNames = Object.keys(operationKinds) as OperationName[];

/** The IPC channel of an operation; the only place channel names are made. */
export function channelFor(name: OperationName): string {
  return `promstead:${name}`;
}

/** The IPC channel job events travel on, from main to renderer. */
export const jobEventChannel = 'promstead:job-event';

/** `diagnostics.selfTest` → ['diagnostics', 'selfTest'] */
export function splitOperationName(name: OperationName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
