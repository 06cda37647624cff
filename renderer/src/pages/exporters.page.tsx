// Exporters: binds the exporters store to the catalog, the chosen exporter's options and
// its artefacts, for installing by hand without giving Promstead SSH access.
import { useEffect, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Artefact } from '@shared/contract';
import { ArtefactPreview } from '../components/exporters/artefact-preview.view';
import { copyText, saveTextFile } from '../components/exporters/artefact-file.util';
import { ExporterList } from '../components/exporters/exporter-list.view';
import { ExporterOptions } from '../components/exporters/exporter-options.view';
import { BlackboxModuleEditor } from '../components/exporters/blackbox-module-editor.view';
import { allModuleProblems, blackboxExporterId, modulesAreValid } from '../stores/blackbox-editor';
import { artefactsAreStale, paramsErrorOf, selectedEntry, styleLabels } from '../stores/exporters.reducer';
import { useExportersStore } from '../stores/exporters.store';
import { PageHeader } from './page-header.view';

/** How long "Copied" stays next to the button. */
const copiedForMs = 2000;

export function ExportersPage(): JSX.Element {
  const data = useExportersStore(
    useShallow((state) => ({
      catalog: state.catalog,
      catalogStatus: state.catalogStatus,
      catalogError: state.catalogError,
      selectedId: state.selectedId,
      style: state.style,
      paramsText: state.paramsText,
      host: state.host,
      artefacts: state.artefacts,
      artefactsKey: state.artefactsKey,
      artefactsStatus: state.artefactsStatus,
      artefactsError: state.artefactsError,
      copy: state.copy,
      blackbox: state.blackbox,
      tokenInputs: state.tokenInputs,
      tokenSaving: state.tokenSaving,
      tokenError: state.tokenError,
    })),
  );
  const actions = useExportersStore(
    useShallow((state) => ({
      ensureLoaded: state.ensureLoaded,
      load: state.load,
      select: state.select,
      setStyle: state.setStyle,
      editParams: state.editParams,
      editHost: state.editHost,
      setCopyFeedback: state.setCopyFeedback,
      addModule: state.addModule,
      editModule: state.editModule,
      moveModule: state.moveModule,
      removeModule: state.removeModule,
      editToken: state.editToken,
      saveToken: state.saveToken,
    })),
  );
  const { ensureLoaded, setCopyFeedback } = actions;

  useEffect(() => ensureLoaded(), [ensureLoaded]);

  const entry = selectedEntry(data);
  const paramsError = paramsErrorOf(data);
  const editingModules = data.selectedId === blackboxExporterId && !data.blackbox.unreadable;
  // Modules the server would refuse never reach the JSON, so the files shown are for the last valid ones.
  const modulesInvalid = editingModules && !modulesAreValid(data.blackbox.modules);
  const stale = artefactsAreStale(data) || (modulesInvalid && data.artefacts.length > 0);

  async function copy(artefact: Artefact): Promise<void> {
    const copied = await copyText(artefact.content);
    setCopyFeedback({ artefactId: artefact.id, state: copied ? 'copied' : 'failed' });
    setTimeout(() => {
      if (useExportersStore.getState().copy?.artefactId === artefact.id) setCopyFeedback(undefined);
    }, copiedForMs);
  }

  return (
    <section className="page exporters" aria-labelledby="page-title">
      <PageHeader title="Exporters">
        For hosts you will not give Promstead SSH access to: pick an exporter and an install style, then copy
        or save the files below and install them by hand.
      </PageHeader>

      {data.catalogStatus === 'error' ? (
        <div className="notice notice--danger" role="alert" data-testid="exporters-load-error">
          <p>Could not load the exporter catalog: {data.catalogError}</p>
          <button type="button" className="button button--secondary" onClick={() => void actions.load()}>
            Try again
          </button>
        </div>
      ) : data.catalogStatus !== 'ready' ? (
        <p className="muted" role="status">
          Loading the exporter catalog…
        </p>
      ) : (
        <ExporterList exporters={data.catalog} selectedId={data.selectedId} onSelect={actions.select} />
      )}

      {entry && (
        <section
          className="card exporter-detail"
          aria-labelledby="exporter-detail-title"
          data-testid="exporter-detail"
        >
          <h2 id="exporter-detail-title" className="card__title">
            {entry.name}
            {data.style && <span className="muted"> · {styleLabels[data.style]}</span>}
          </h2>
          <ExporterOptions
            entry={entry}
            style={data.style}
            paramsText={data.paramsText}
            paramsError={paramsError}
            host={data.host}
            onStyle={actions.setStyle}
            onParams={actions.editParams}
            onHost={actions.editHost}
            paramsForm={
              data.selectedId === blackboxExporterId ? (
                <BlackboxModuleEditor
                  editor={data.blackbox}
                  problems={allModuleProblems(data.blackbox.modules)}
                  tokenOf={(key) => ({
                    value: data.tokenInputs[key] ?? '',
                    saving: data.tokenSaving === key,
                    error: data.tokenError?.key === key ? data.tokenError.message : undefined,
                  })}
                  actions={{
                    onAdd: actions.addModule,
                    onChange: actions.editModule,
                    onMove: actions.moveModule,
                    onRemove: actions.removeModule,
                    onTokenInput: actions.editToken,
                    onTokenSave: (key) => void actions.saveToken(key),
                  }}
                />
              ) : undefined
            }
          />
          {data.artefactsError && (
            <div className="notice notice--danger" role="alert" data-testid="exporter-error">
              <p>{data.artefactsError}</p>
            </div>
          )}
          <p className="muted exporter-detail__status" role="status" data-testid="artefacts-status">
            {data.artefactsStatus === 'loading'
              ? 'Making the files…'
              : stale && paramsError
                ? 'These files are for the last valid parameters; fix the JSON to update them.'
                : modulesInvalid
                  ? 'The parameters and files are for the last valid modules; fix the marked fields to update them.'
                  : ''}
          </p>
          <div
            className={stale ? 'artefact-list artefact-list--stale' : 'artefact-list'}
            aria-busy={data.artefactsStatus === 'loading'}
          >
            {data.artefacts.map((artefact) => (
              <ArtefactPreview
                key={artefact.id}
                artefact={artefact}
                copy={data.copy?.artefactId === artefact.id ? data.copy.state : undefined}
                onCopy={(item) => void copy(item)}
                onSave={(item) => saveTextFile(item.filename, item.content)}
              />
            ))}
          </div>
        </section>
      )}
    </section>
  );
}
