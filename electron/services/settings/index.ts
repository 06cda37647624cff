// Public face of the settings: the saved settings file, and the render context the
// exporter catalog takes from it (registry mirror, pinned versions, scrape interval).
export { SettingsService } from './settings-service';
export { renderContextFrom } from './render-context';
