// deploy.plan / apply / uninstall / list over a host: picks the method, gives each exporter
// its render context from the settings (registry mirror, pinned version), and keeps the
// record of what was created. The Docker method is built; systemd installs come next.
import {
  DeployInputSchema,
  PromsteadError,
  type ApplyResult,
  type DeployInput,
  type DeployPlan,
  type DeploymentRecord,
  type ExporterId,
  type Host,
  type Verification,
} from '../../../shared/contract';
import type { RenderContext } from '../exporters';
import type { JobContext } from '../jobs';
import type { DeploymentStore } from './deployment-store';
import { applyDockerDeploy } from './docker-apply';
import type { DockerDeployRequest } from './docker-desired';
import { planDockerDeploy } from './docker-plan';
import { uninstallDocker, type UninstallResult } from './docker-uninstall';
import type { HostService } from './host-service';
import { prometheusParams, verifyPrometheusTargets, withoutGeneratedConfig } from './prometheus-config';

export interface DeployServiceDependencies {
  hosts: HostService;
  store: DeploymentStore;
  /** The settings' render context for one exporter (mirror, pinned version). */
  renderContextFor: (exporter: string) => RenderContext;
  /** A pinned tag for the file helper image (busybox), when the registry carries another. */
  helperImageTag: () => string | undefined;
}

export class DeployService {
  constructor(private readonly deps: DeployServiceDependencies) {}

  list(hostId?: string): DeploymentRecord[] {
    return this.deps.store.list(hostId);
  }

  async plan(rawInput: DeployInput, signal?: AbortSignal): Promise<DeployPlan> {
    const input = DeployInputSchema.parse(rawInput);
    this.dockerOnly(input.method);
    const target = await this.deps.hosts.target(input.hostId);
    return planDockerDeploy(target, this.requests(input, target.host), {
      ...this.helperOptions(),
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * Applies, then keeps Promstead's Prometheus in step: deployed now, it is asked whether
   * every target is up; deployed earlier, its config is rendered again with the change.
   */
  async apply(rawInput: DeployInput, job: JobContext): Promise<ApplyResult> {
    const input = DeployInputSchema.parse(rawInput);
    this.dockerOnly(input.method);
    const target = await this.deps.hosts.target(input.hostId);
    const requests = this.requests(input, target.host);
    const result = await applyDockerDeploy(target, requests, job, {
      ...this.helperOptions(),
      store: this.deps.store,
    });
    const prometheus = requests.find((request) => request.exporter === 'prometheus');
    if (prometheus) {
      result.verifications.push(await this.checkTargets(target.host, prometheus.params ?? {}, job));
    } else {
      const refreshed = await this.refreshPrometheus(job);
      if (refreshed) result.verifications.push(refreshed);
    }
    return result;
  }

  async uninstall(
    hostId: string,
    exporters: readonly ExporterId[],
    job: JobContext,
  ): Promise<UninstallResult> {
    const target = await this.deps.hosts.target(hostId);
    const result = await uninstallDocker(target, exporters, job, {
      ...this.helperOptions(),
      store: this.deps.store,
      signal: job.signal,
    });
    const refreshed = await this.refreshPrometheus(job);
    if (refreshed && !refreshed.ok)
      result.kept.push(`Prometheus: ${refreshed.message ?? 'a target is not up'}`);
    return result;
  }

  /** Renders the recorded Prometheus's config again and applies it (a no-op when unchanged). */
  private async refreshPrometheus(job: JobContext): Promise<Verification | undefined> {
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
    job: JobContext,
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
          ? prometheusParams(request.params, host, planned, this.deps.store.list(), this.deps.hosts.list())
          : request.params,
      renderContext: this.deps.renderContextFor(request.exporter),
    }));
  }

  private helperOptions(): { helperImageOverride?: { tag: string } } {
    const tag = this.deps.helperImageTag();
    return tag ? { helperImageOverride: { tag } } : {};
  }

  private dockerOnly(method: 'auto' | 'docker' | 'systemd'): void {
    if (method === 'systemd') {
      throw new PromsteadError(
        'VALIDATION',
        'Installing as a systemd binary is not built yet: deploy with Docker, or install by hand from `promstead exporter show <id> --style systemd`.',
      );
    }
  }
}
