// Mirrors the theme setting onto <html data-theme>; the CSS follows the OS unless the
// attribute says light or dark.
import type { Settings } from '@shared/contract';
import { useSettingsStore } from '../stores/settings.store';

function apply(theme: Settings['theme'] | undefined): void {
  document.documentElement.dataset.theme = theme ?? 'system';
}

export function startThemeSync(): () => void {
  apply(useSettingsStore.getState().settings?.theme);
  return useSettingsStore.subscribe((state) => apply(state.settings?.theme));
}
