// deploy.plan / apply / uninstall / list over a host: picks the method, gives each exporter
// its render context from the settings (registry mirror, pinned version), and keeps the
// record of what was created. Docker where the host has it reachable, else a release
// binary run by systemd (or either, forced).
import {
  type ApplyPhase,
  DeployInputSchema,
  PromsteadError,
  type ApplyResult,
  type DeployInput,
  type DeployPlan,
  type DeploymentRecord,
  type ExporterId,
  type Host,
  type SavedDrops,
  type Verification,
  withoutGeneratedConfig,
} from '@shared/contract';
import { ExclusiveLane } from '../concurrency';
import type { RenderContext } from '../exporters';
import type { JobContext, PhasedJob } from '../jobs';
import type { DeploymentStore } from './deployment-store';
import { applyDockerDeploy } from './docker/docker-apply';
import type { DockerDeployRequest } from './docker/docker-desired';
import { planDockerDeploy } from './docker/docker-plan';
import { uninstallDocker, type UninstallResult } from './docker/docker-uninstall';
import type { DeployTarget, HostService } from '../hosts';
import { applySystemdDeploy } from './systemd/systemd-apply';
import { SystemdBinaryCache } from '../binaries';
import { planSystemdDeploy } from './systemd/systemd-plan';
import { uninstallSystemd } from './systemd/systemd-uninstall';
import { prometheusParams, verifyPrometheusTargets } from './prometheus-config';

export interface DeployServiceDependencies {
  hosts: HostService;
  store: DeploymentStore;
  /** The settings' render context for one exporter (mirror, pinned version). */
  renderContextFor: (exporter: string) => RenderContext;
  /** A pinned tag for the file helper image (busybox), when the registry carries another. */
  helperImageTag: () => string | undefined;
  /** The verified release binaries for systemd installs, shared with the binaries.* operations. */
  binaryCache?: SystemdBinaryCache;
  /** Where to keep them, for a caller without a cache of its own (`<dataDir>/binaries`). */
  binaryCacheDir?: string;
  /** The saved drop rules (metrics.saveDrops), rendered into Prometheus's scrape jobs. */
  drops?: { list(): SavedDrops[] };
}

type ResolvedMethod = 'docker' | 'systemd';

export class DeployService {
  private binaryCache: SystemdBinaryCache | undefined;
  /** Applies and uninstalls, on any host, one at a time: they share the records and Prometheus. */
  private readonly lane = new ExclusiveLane();

  constructor(private readonly deps: DeployServiceDependencies) {}

  list(hostId?: string): DeploymentRecord[] {
    return this.deps.store.list(hostId);
  }

  async plan(rawInput: DeployInput, signal?: AbortSignal): Promise<DeployPlan> {
    const input = DeployInputSchema.parse(rawInput);
    const target = await this.deps.hosts.target(input.hostId);
    const requests = this.requests(input, target.host);
    if (input.method === 'systemd') return planSystemdDeploy(target, requests, this.cache(), signal);
    try {
      return await this.planDocker(target, requests, signal);
    } catch (error) {
      if (input.method === 'auto' && dockerMissing(error)) {
        return planSystemdDeploy(target, requests, this.cache(), signal);
      }
      throw error;
    }
  }

  /**
   * Applies, then keeps Promstead's Prometheus in step: deployed now, it is asked whether
   * every target is up; deployed earlier, its config is rendered again with the change.
   */
  async apply(rawInput: DeployInput, job: JobContext<'deploy.apply'>): Promise<ApplyResult> {
    const input = DeployInputSchema.parse(rawInput);
    const host = this.deps.hosts.list().find((entry) => entry.id === input.hostId);
    return this.lane.run(`the deploy to ${host?.name ?? input.hostId}`, job, () => this.applyNow(input, job));
  }

  async uninstall(
    hostId: string,
    exporters: readonly ExporterId[],
    job: JobContext<'deploy.uninstall'>,
  ): Promise<UninstallResult> {
    const host = this.deps.hosts.list().find((entry) => entry.id === hostId);
    return this.lane.run(`the uninstall from ${host?.name ?? hostId}`, job, () =>
      this.uninstallNow(hostId, exporters, job),
    );
  }

  private async applyNow(
    input: ReturnType<typeof DeployInputSchema.parse>,
    job: PhasedJob<ApplyPhase>,
  ): Promise<ApplyResult> {
    const target = await this.deps.hosts.target(input.hostId);
    const requests = this.requests(input, target.host);
    const method = await this.resolveMethod(input.method, target, requests, job.signal);
    const result =
      method === 'systemd'
        ? await applySystemdDeploy(target, requests, job, { cache: this.cache(), store: this.deps.store })
        : await applyDockerDeploy(target, requests, job, { ...this.helperOptions(), store: this.deps.store });
    const prometheus = requests.find((request) => request.exporter === 'prometheus');
    if (prometheus) {
      result.verifications.push(await this.checkTargets(target.host, prometheus.params ?? {}, job));
    } else {
      const refreshed = await this.refreshPrometheus(job);
      if (refreshed) result.verifications.push(refreshed);
    }
    return result;
  }

  private async uninstallNow(
    hostId: string,
    exporters: readonly ExporterId[],
    job: JobContext<'deploy.uninstall'>,
  ): Promise<UninstallResult> {
    const target = await this.deps.hosts.target(hostId);
    // Each record is removed by the method that installed it; an unknown exporter is the Docker side's NOT_FOUND.
    const systemdIds = new Set(
      this.deps.store
        .list(hostId)
        .filter((record) => record.method === 'systemd')
        .map((record) => record.exporter),
    );
    const result: UninstallResult = { hostId, removed: [], kept: [] };
    const dockerExporters = exporters.filter((id) => !systemdIds.has(id));
    const systemdExporters = exporters.filter((id) => systemdIds.has(id));
    if (exporters.length === 0 || dockerExporters.length > 0) {
      const docker = await uninstallDocker(target, dockerExporters, job, {
        ...this.helperOptions(),
        store: this.deps.store,
        signal: job.signal,
      });
      result.removed.push(...docker.removed);
      result.kept.push(...docker.kept);
    }
    if (exporters.length === 0 || systemdExporters.length > 0) {
      const systemd = await uninstallSystemd(target, systemdExporters, job, { store: this.deps.store });
      result.removed.push(...systemd.removed);
      result.kept.push(...systemd.kept);
    }
    const refreshed = await this.refreshPrometheus(job);
    if (refreshed && !refreshed.ok)
      result.kept.push(`Prometheus: ${refreshed.message ?? 'a target is not up'}`);
    return result;
  }

  /** Renders the recorded Prometheus's config again and applies it (a no-op when unchanged). */
  /** Also an uninstall's step: its context reports an apply's phases too. */
  private async refreshPrometheus(job: PhasedJob<ApplyPhase>): Promise<Verification | undefined> {
    const record = this.deps.store.list().find((entry) => entry.exporter === 'prometheus');
    if (!record) return undefined;
    job.progress('prometheus', 0, 1, 'Updating the Prometheus configuration');
    const target = await this.deps.hosts.target(record.hostId);
    const params = withoutGeneratedConfig(record.params);
    const requests = this.requests(
      { hostId: record.hostId, method: 'docker', exporters: [{ exporter: 'prometheus', params }] },
      target.host,
    );
    await applyDockerDeploy(target, requests, job, { ...this.helperOptions(), store: this.deps.store });
    return this.checkTargets(target.host, params, job);
  }

  private async checkTargets(
    host: Host,
    params: Record<string, unknown>,
    job: PhasedJob<ApplyPhase>,
  ): Promise<Verification> {
    job.progress('prometheus', 0, 1, 'Waiting for Prometheus to scrape every target');
    const port = typeof params.port === 'number' ? params.port : 9090;
    const verification = await verifyPrometheusTargets(host.address, port, { signal: job.signal });
    job.log(verification.ok ? 'info' : 'warn', `Prometheus: ${verification.message ?? ''}`);
    return verification;
  }

  private requests(input: ReturnType<typeof DeployInputSchema.parse>, host: Host): DockerDeployRequest[] {
    const planned = input.exporters.map((request) => ({
      exporter: request.exporter,
      params: request.params,
    }));
    return input.exporters.map((request) => ({
      exporter: request.exporter,
      params:
        request.exporter === 'prometheus'
          ? prometheusParams(
              request.params,
              host,
              planned,
              this.deps.store.list(),
              this.deps.hosts.list(),
              this.deps.drops?.list() ?? [],
            )
          : request.params,
      renderContext: this.deps.renderContextFor(request.exporter),
    }));
  }

  private helperOptions(): { helperImageOverride?: { tag: string } } {
    const tag = this.deps.helperImageTag();
    return tag ? { helperImageOverride: { tag } } : {};
  }

  private planDocker(
    target: DeployTarget,
    requests: DockerDeployRequest[],
    signal?: AbortSignal,
  ): Promise<DeployPlan> {
    return planDockerDeploy(target, requests, { ...this.helperOptions(), ...(signal ? { signal } : {}) });
  }

  /** 'auto' is Docker when a Docker plan can be made, systemd when the host has no usable Docker. */
  private async resolveMethod(
    method: 'auto' | 'docker' | 'systemd',
    target: DeployTarget,
    requests: DockerDeployRequest[],
    signal: AbortSignal,
  ): Promise<ResolvedMethod> {
    if (method !== 'auto') return method;
    // One round trip on a Docker host; only a failed ping pays for a plan, whose error says why.
    const answered = await target
      .docker()
      .ping()
      .then(() => true)
      .catch(() => false);
    if (answered) return 'docker';
    try {
      await this.planDocker(target, requests, signal);
      return 'docker';
    } catch (error) {
      if (dockerMissing(error)) return 'systemd';
      throw error;
    }
  }

  private cache(): SystemdBinaryCache {
    if (this.deps.binaryCache) return this.deps.binaryCache;
    if (!this.deps.binaryCacheDir) {
      throw new PromsteadError('INTERNAL', 'No binary cache folder is configured for systemd installs.');
    }
    this.binaryCache ??= new SystemdBinaryCache(this.deps.binaryCacheDir);
    return this.binaryCache;
  }
}

function dockerMissing(error: unknown): boolean {
  return (
    error instanceof PromsteadError &&
    (error.code === 'DOCKER_UNREACHABLE' || error.code === 'DOCKER_PERMISSION_DENIED')
  );
}
