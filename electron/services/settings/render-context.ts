// The settings that shape rendered artefacts: the registry mirror rewrites every image
// reference (offline homelabs, the lab).
import type { RenderContext } from '../exporters';
import type { SettingsService } from './settings-service';

export function renderContextFrom(settings: SettingsService): RenderContext {
  const mirror = settings.get().registryMirror;
  return mirror ? { imageRegistryMirror: mirror } : {};
}
