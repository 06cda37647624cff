// The settings that shape rendered artefacts: the registry mirror rewrites every image
// reference (offline homelabs, the lab), and a pinned version replaces the catalog's.
import type { RenderContext } from '../exporters';
import type { SettingsService } from './settings-service';

export function renderContextFrom(settings: SettingsService, exporterId?: string): RenderContext {
  const { registryMirror, exporterVersions } = settings.get();
  const version =
    exporterId !== undefined && Object.hasOwn(exporterVersions, exporterId)
      ? exporterVersions[exporterId]
      : undefined;
  return {
    ...(registryMirror ? { imageRegistryMirror: registryMirror } : {}),
    ...(version ? { version } : {}),
  };
}
