// What the metrics.* handlers need from the rest of the engine, wired in operation-handlers.
import type { DeployService } from '../deploy';
import type { HostService } from '../hosts';
import type { JobRunner } from '../jobs';
import type { SettingsService } from '../settings';
import type { SecretStore } from '../store';

export interface MetricsHandlerServices {
  dataDir: string;
  settings: SettingsService;
  secrets: SecretStore;
  hosts: HostService;
  deploy: DeployService;
  jobs: JobRunner;
}
