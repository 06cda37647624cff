// Settings on disk: loaded once, every update validated and saved atomically.
import { SettingsSchema, defaultSettings, type Settings, type SettingsPatch } from '@shared/contract';
import { JsonStore } from '../store';

export const SETTINGS_VERSION = 1;

export class SettingsService {
  private constructor(private readonly store: JsonStore<Settings>) {}

  static open(file: string): SettingsService {
    return new SettingsService(
      new JsonStore<Settings>({
        file,
        schema: SettingsSchema,
        version: SETTINGS_VERSION,
        defaults: defaultSettings,
      }),
    );
  }

  load(): ReturnType<JsonStore<Settings>['load']> {
    return this.store.load();
  }

  get(): Settings {
    return structuredClone(this.store.get());
  }

  update(patch: SettingsPatch): Promise<Settings> {
    return this.store.update((current) =>
      SettingsSchema.parse({ ...current, ...patch, scan: { ...current.scan, ...patch.scan } }),
    );
  }
}
