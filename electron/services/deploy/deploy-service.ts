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
} from '../../../shared/contract';
import type { RenderContext } from '../exporters';
import type { JobContext } from '../jobs';
import type { DeploymentStore } from './deployment-store';
import { applyDockerDeploy } from './docker-apply';
import type { DockerDeployRequest } from './docker-desired';
import { planDockerDeploy } from './docker-plan';
import { uninstallDocker, type UninstallResult } from './docker-uninstall';
import type { HostService } from './host-service';

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
    return planDockerDeploy(target, this.requests(input), {
      ...this.helperOptions(),
      ...(signal ? { signal } : {}),
    });
  }

  async apply(rawInput: DeployInput, job: JobContext): Promise<ApplyResult> {
    const input = DeployInputSchema.parse(rawInput);
    this.dockerOnly(input.method);
    const target = await this.deps.hosts.target(input.hostId);
    return applyDockerDeploy(target, this.requests(input), job, {
      ...this.helperOptions(),
      store: this.deps.store,
    });
  }

  async uninstall(
    hostId: string,
    exporters: readonly ExporterId[],
    job: JobContext,
  ): Promise<UninstallResult> {
    const target = await this.deps.hosts.target(hostId);
    return uninstallDocker(target, exporters, job, {
      ...this.helperOptions(),
      store: this.deps.store,
      signal: job.signal,
    });
  }

  private requests(input: ReturnType<typeof DeployInputSchema.parse>): DockerDeployRequest[] {
    return input.exporters.map((request) => ({
      exporter: request.exporter,
      params: request.params,
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
