// Settings: binds the settings store to the form.
import type { JSX } from 'react';
import { SettingsForm } from '../components/settings-form.view';
import { useSettingsStore } from '../stores/settings.store';
import { PageHeader } from './page-header.view';

export function SettingsPage(): JSX.Element {
  const draft = useSettingsStore((state) => state.draft);
  const status = useSettingsStore((state) => state.status);
  const loadError = useSettingsStore((state) => state.loadError);
  const saveError = useSettingsStore((state) => state.saveError);
  const fieldErrors = useSettingsStore((state) => state.fieldErrors);
  const load = useSettingsStore((state) => state.load);
  const edit = useSettingsStore((state) => state.edit);
  const save = useSettingsStore((state) => state.save);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Settings">
        Saved in the app's data folder and used by every scan and deployment.
      </PageHeader>
      {draft ? (
        <SettingsForm
          draft={draft}
          status={status}
          fieldErrors={fieldErrors}
          saveError={saveError}
          onEdit={edit}
          onSave={() => void save()}
        />
      ) : loadError ? (
        <div className="notice notice--danger" role="alert" data-testid="settings-load-error">
          <p>Could not load the settings: {loadError}</p>
          <button type="button" className="button button--secondary" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : (
        <p className="muted" role="status">
          Loading settings…
        </p>
      )}
    </section>
  );
}
