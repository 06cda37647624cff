// Hosts: binds the hosts store to the list of saved hosts, the add dialogs (SSH host,
// Docker endpoint) and the key check / re-pin panel, and the preflight store (with the jobs store) to the checklist.
import { readJobResult } from '@shared/contract';
import { useEffect, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AddDockerEndpointDialog } from '../components/hosts/add-docker-endpoint-dialog.view';
import { AddHostDialog } from '../components/hosts/add-host-dialog.view';
import { ApiErrorNotice } from '../components/hosts/api-error.view';
import { HostList } from '../components/hosts/host-list.view';
import { PreflightChecklist } from '../components/hosts/preflight-checklist.view';
import { RepinPanel } from '../components/hosts/repin-panel.view';
import { useHostsStore } from '../stores/hosts.store';
import { useJobsStore } from '../stores/jobs.store';
import { usePreflightStore } from '../stores/preflight.store';
import { PageHeader } from './page-header.view';

export function HostsPage(): JSX.Element {
  const data = useHostsStore(
    useShallow((state) => ({
      hosts: state.hosts,
      status: state.status,
      loadError: state.loadError,
      dialog: state.dialog,
      dockerDialog: state.dockerDialog,
      removing: state.removing,
      repin: state.repin,
      keyChanges: state.keyChanges,
    })),
  );
  const actions = useHostsStore(
    useShallow((state) => ({
      ensureLoaded: state.ensureLoaded,
      load: state.load,
      openAdd: state.openAdd,
      editDraft: state.editDraft,
      closeAdd: state.closeAdd,
      checkKey: state.checkKey,
      trustAndAdd: state.trustAndAdd,
      openAddDocker: state.openAddDocker,
      editDockerDraft: state.editDockerDraft,
      closeAddDocker: state.closeAddDocker,
      addDocker: state.addDocker,
      askRemove: state.askRemove,
      cancelRemove: state.cancelRemove,
      confirmRemove: state.confirmRemove,
      startRepin: state.startRepin,
      confirmRepin: state.confirmRepin,
      closeRepin: state.closeRepin,
    })),
  );
  const preflight = usePreflightStore(
    useShallow((state) => ({ shown: state.shown, run: state.run, close: state.close })),
  );
  const preflightJob = useJobsStore((state) =>
    preflight.shown?.jobId ? state.byId[preflight.shown.jobId] : undefined,
  );
  const preflightHost = data.hosts.find((host) => host.id === preflight.shown?.hostId);
  const preflightBusy = preflight.shown?.starting === true || preflightJob?.state === 'running';
  const { ensureLoaded } = actions;
  useEffect(() => ensureLoaded(), [ensureLoaded]);

  const repinHost = data.repin ? data.hosts.find((host) => host.id === data.repin?.id) : undefined;

  return (
    <section className="page page--wide hosts" aria-labelledby="page-title">
      <PageHeader title="Hosts">
        The servers and NAS boxes Promstead deploys to, over SSH or straight to their Docker Engine. Each SSH
        host's key is pinned when you add it, and a changed key is refused until you re-pin it.
      </PageHeader>
      <div className="hosts__toolbar">
        <button
          type="button"
          className="button button--primary"
          data-testid="hosts-add"
          onClick={() => actions.openAdd()}
        >
          Add host
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="hosts-add-docker"
          onClick={actions.openAddDocker}
        >
          Add Docker endpoint
        </button>
        <p className="muted" data-testid="hosts-count" role="status">
          {data.status === 'ready' && `${data.hosts.length} ${data.hosts.length === 1 ? 'host' : 'hosts'}`}
        </p>
      </div>

      {data.status === 'error' && data.loadError ? (
        <div className="hosts__load-error">
          <ApiErrorNotice error={data.loadError} testId="hosts-load-error" />
          <button type="button" className="button button--secondary" onClick={() => void actions.load()}>
            Try again
          </button>
        </div>
      ) : data.status !== 'ready' ? (
        <p className="muted" role="status">
          Loading hosts…
        </p>
      ) : data.hosts.length === 0 ? (
        <div className="card card--empty" data-testid="hosts-empty">
          <p className="card--empty__text">
            No hosts yet. Add one by hand or add a Docker endpoint, or pick a host with SSH on the Discover
            page and choose “Add to hosts”.
          </p>
        </div>
      ) : (
        <HostList
          hosts={data.hosts}
          keyChanges={data.keyChanges}
          removing={data.removing}
          busyRepinId={
            data.repin?.status === 'scanning' || data.repin?.status === 'saving' ? data.repin.id : undefined
          }
          busyPreflightId={preflightBusy ? preflight.shown?.hostId : undefined}
          onRepin={(id) => void actions.startRepin(id)}
          onPreflight={(id) => void preflight.run(id)}
          onAskRemove={actions.askRemove}
          onCancelRemove={actions.cancelRemove}
          onConfirmRemove={() => void actions.confirmRemove()}
        />
      )}

      {preflight.shown && preflightHost && (
        <PreflightChecklist
          hostName={preflightHost.name}
          run={preflight.shown}
          job={preflightJob}
          report={
            preflightJob?.state === 'done' ? readJobResult('hosts.preflight', preflightJob.result) : undefined
          }
          onRerun={() => void preflight.run(preflightHost.id)}
          onClose={preflight.close}
        />
      )}

      {data.repin && repinHost?.kind === 'ssh' && (
        <RepinPanel
          host={repinHost}
          repin={data.repin}
          onConfirm={() => void actions.confirmRepin()}
          onClose={actions.closeRepin}
        />
      )}

      {data.dialog && (
        <AddHostDialog
          dialog={data.dialog}
          onEdit={actions.editDraft}
          onCheckKey={() => void actions.checkKey()}
          onTrustAndAdd={() => void actions.trustAndAdd()}
          onClose={actions.closeAdd}
        />
      )}

      {data.dockerDialog && (
        <AddDockerEndpointDialog
          dialog={data.dockerDialog}
          onEdit={actions.editDockerDraft}
          onAdd={() => void actions.addDocker()}
          onClose={actions.closeAddDocker}
        />
      )}
    </section>
  );
}
