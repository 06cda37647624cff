// The composition root of the engine: data folder, state, secrets, jobs and the
// operation handlers, wired once. Electron main, browser mode and the CLI each
// open one Engine and talk to it only through `invoke`.
import { join } from 'node:path';
import type { JobEvent, Result, StateNotice, TerminalJobEvent, Transport } from '@shared/contract';
import { OperationBoundary } from './boundary';
import { createHandlers } from './operation-handlers';
import { SystemdBinaryCache } from './binaries';
import { DeployService, DeploymentStore } from './deploy';
import { HostService, HostStore } from './hosts';
import { InventoryStore } from './discovery';
import { JobHistory, JobRunner } from './jobs';
import { DropStore, dropsFileName } from './metrics';
import { FileLogger, type Logger } from './log';
import { renderContextFrom, SettingsService } from './settings';
import { SshConnectionPool } from './ssh';
import { AesKeyFileCipher, Redactor, SecretStore, ensureDataDir, type SecretCipher } from './store';

export interface EngineOptions {
  dataDir: string;
  transport: Transport;
  version: string;
  /** Electron passes its safeStorage cipher; elsewhere a key file in the data folder is used. */
  cipher?: SecretCipher;
  logger?: Logger;
}

export class Engine {
  private constructor(
    readonly dataDir: string,
    readonly secrets: SecretStore,
    readonly redactor: Redactor,
    private readonly boundary: OperationBoundary,
    private readonly jobs: JobRunner,
    private readonly history: JobHistory,
    readonly notices: StateNotice[],
    private readonly sshPool: SshConnectionPool,
  ) {}

  static async open(options: EngineOptions): Promise<Engine> {
    const { dataDir } = options;
    await ensureDataDir(dataDir);
    const redactor = new Redactor();
    const logger =
      options.logger ??
      new FileLogger(join(dataDir, 'logs', 'promstead.log'), (value) => redactor.redactValue(value));
    const cipher = options.cipher ?? new AesKeyFileCipher(join(dataDir, 'secret.key'));
    const secrets = new SecretStore({ file: join(dataDir, 'secrets.json'), cipher, redactor });
    const settings = SettingsService.open(join(dataDir, 'settings.json'));
    const notices = [...(await settings.load()).notices, ...(await secrets.load())];
    for (const notice of notices) logger.log('warn', 'state file recovered', notice);

    const history = new JobHistory(join(dataDir, 'jobs.json'));
    const jobs = new JobRunner({
      redact: (text) => redactor.redact(text),
      onFinished: (summary) => {
        history
          .record(summary)
          .catch((error: unknown) =>
            logger.log('error', 'could not save job history', { error: String(error) }),
          );
      },
    });

    const inventory = new InventoryStore(join(dataDir, 'inventory.json'));
    notices.push(...(await inventory.load()).notices);
    const hostStore = new HostStore(join(dataDir, 'hosts.json'));
    notices.push(...(await hostStore.load()).notices);
    const sshPool = new SshConnectionPool({ logger });
    const hosts = new HostService({
      store: hostStore,
      pool: sshPool,
      secrets,
      renderContext: () => renderContextFrom(settings),
      helperImageTag: () => settings.get().exporterVersions.busybox,
    });
    const deployments = new DeploymentStore(join(dataDir, 'deployments.json'));
    notices.push(...(await deployments.load()).notices);
    // One cache for the deploys and the binaries.* operations: what a user adds, a plan finds.
    const binaries = new SystemdBinaryCache(join(dataDir, 'binaries'));
    const drops = new DropStore(join(dataDir, dropsFileName));
    notices.push(...(await drops.load()).notices);
    const deploy = new DeployService({
      hosts,
      store: deployments,
      renderContextFor: (exporter) => renderContextFrom(settings, exporter),
      helperImageTag: () => settings.get().exporterVersions.busybox,
      binaryCache: binaries,
      drops,
    });
    const handlers = createHandlers({
      dataDir,
      version: options.version,
      transport: options.transport,
      notices,
      settings,
      secrets,
      jobs,
      history,
      inventory,
      hosts,
      deploy,
      binaries,
      drops,
    });
    const boundary = new OperationBoundary(handlers, jobs, logger, (text) => redactor.redact(text));
    return new Engine(dataDir, secrets, redactor, boundary, jobs, history, notices, sshPool);
  }

  invoke(name: string, input: unknown, origin: string): Promise<Result<unknown>> {
    return this.boundary.invoke(name, input, origin);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    return this.jobs.onEvent(listener);
  }

  waitForJob(jobId: string): Promise<TerminalJobEvent> {
    return this.jobs.wait(jobId);
  }

  /** Cancels running jobs and waits for state to be written. */
  async close(): Promise<void> {
    await this.jobs.shutdown();
    await this.history.flush();
    await this.sshPool.closeAll();
  }
}
