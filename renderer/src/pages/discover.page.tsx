// Discover: binds the discovery, jobs and settings stores to the scan form, the progress,
// the host table and the selected host's detail (whose "Add to hosts" opens the hosts store's dialog).
import { useEffect, useMemo, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DiscoverEmpty } from '../components/discover/discover-empty.view';
import { HostDetail, hostDetailTitleId } from '../components/discover/host-detail.view';
import { hostRowId } from '../components/discover/host-row.view';
import { HostTableToolbar } from '../components/discover/host-table-toolbar.view';
import { HostTable } from '../components/discover/host-table.view';
import { formatDateTime } from '../components/discover/discovery-labels';
import { ScanForm } from '../components/discover/scan-form.view';
import { ScanProgress } from '../components/discover/scan-progress.view';
import { ScanResultSummary } from '../components/discover/scan-result.view';
import { countByKind, phaseSteps, scanErrorOf, selectHosts } from '../stores/discovery.selectors';
import { useDiscoveryStore } from '../stores/discovery.store';
import { useHostsStore } from '../stores/hosts.store';
import { useDeployStore } from '../stores/deploy.store';
import { savedHostFor } from '../stores/deploy-selection';
import { useJobsStore } from '../stores/jobs.store';
import { useSettingsStore } from '../stores/settings.store';
import { hrefFor } from '../routing/routes.config';
import { PageHeader } from './page-header.view';

function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** Focuses the detail's title; where the detail sits under the table, scrolls it up into view. */
function revealDetailSoon(): void {
  requestAnimationFrame(() => {
    const title = document.getElementById(hostDetailTitleId);
    if (!title) return;
    title.focus({ preventScroll: true });
    const top = title.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.5) title.scrollIntoView({ block: 'start' });
  });
}

export function DiscoverPage(): JSX.Element {
  const discovery = useDiscoveryStore(
    useShallow((state) => ({
      hosts: state.hosts,
      scan: state.scan,
      starting: state.starting,
      startError: state.startError,
      lastResult: state.lastResult,
      inventoryStatus: state.inventoryStatus,
      inventoryError: state.inventoryError,
      scannedAt: state.scannedAt,
      scannedTargets: state.scannedTargets,
      suggestions: state.suggestions,
      suggestionsError: state.suggestionsError,
      draft: state.draft,
      storedKeys: state.storedKeys,
      optionsOpen: state.optionsOpen,
      filter: state.filter,
      kindFilter: state.kindFilter,
      sort: state.sort,
      selected: state.selected,
      annotation: state.annotation,
    })),
  );
  const actions = useDiscoveryStore(
    useShallow((state) => ({
      loadInventory: state.loadInventory,
      editDraft: state.editDraft,
      toggleSuggestion: state.toggleSuggestion,
      setOptionsOpen: state.setOptionsOpen,
      startScan: state.startScan,
      setFilter: state.setFilter,
      setKindFilter: state.setKindFilter,
      sortBy: state.sortBy,
      select: state.select,
      editAnnotation: state.editAnnotation,
      saveAnnotation: state.saveAnnotation,
    })),
  );
  const { hosts, scan, filter, kindFilter, sort, selected } = discovery;
  const scanJobId = scan?.jobId;
  const cancelState = useJobsStore((state) => (scanJobId ? state.cancels[scanJobId] : undefined));
  const cancel = useJobsStore((state) => state.cancel);
  const scanSettings = useSettingsStore((state) => state.settings?.scan);
  const openAddHost = useHostsStore((state) => state.openAdd);
  const savedHosts = useHostsStore((state) => state.hosts);
  const ensureHostsLoaded = useHostsStore((state) => state.ensureLoaded);
  const chooseDeployHost = useDeployStore((state) => state.chooseHost);
  useEffect(() => ensureHostsLoaded(), [ensureHostsLoaded]);

  const shown = useMemo(
    () => selectHosts(hosts, { filter, kind: kindFilter, sort }),
    [hosts, filter, kindFilter, sort],
  );
  const kindCounts = useMemo(() => countByKind(hosts), [hosts]);
  const steps = useMemo(() => (scan ? phaseSteps(scan) : []), [scan]);
  const total = Object.keys(hosts).length;
  const running = scan?.state === 'running';
  const selectedHost = selected ? hosts[selected] : undefined;
  const showEmpty = discovery.inventoryStatus === 'ready' && total === 0 && !scan && !discovery.starting;

  return (
    <section className="page page--wide discover" aria-labelledby="page-title">
      <PageHeader title="Discover">
        Find the devices on your network, what each one is, and which exporters should watch it.
      </PageHeader>
      <ScanForm
        draft={discovery.draft}
        storedKeys={discovery.storedKeys}
        suggestions={discovery.suggestions}
        suggestionsError={discovery.suggestionsError}
        scanSettings={scanSettings}
        optionsOpen={discovery.optionsOpen}
        starting={discovery.starting}
        running={running}
        cancelPending={cancelState?.pending === true}
        cancelError={cancelState?.error}
        error={scanErrorOf(discovery)}
        onEdit={actions.editDraft}
        onToggleSuggestion={actions.toggleSuggestion}
        onToggleOptions={() => actions.setOptionsOpen(!discovery.optionsOpen)}
        onStart={() => void actions.startScan()}
        onCancel={() => {
          if (scanJobId) void cancel(scanJobId);
        }}
      />
      {scan && <ScanProgress scan={scan} steps={steps} foundCount={Object.keys(scan.found).length} />}
      {discovery.lastResult && <ScanResultSummary result={discovery.lastResult} />}
      {discovery.inventoryStatus === 'error' && (
        <div className="notice notice--danger" role="alert" data-testid="discover-inventory-error">
          <p>Could not load the saved hosts: {discovery.inventoryError}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void actions.loadInventory()}
          >
            Try again
          </button>
        </div>
      )}
      {showEmpty && <DiscoverEmpty packetsPerSecond={scanSettings?.packetsPerSecond} />}
      {!showEmpty && discovery.inventoryStatus === 'loading' && total === 0 && (
        <p className="muted" role="status">
          Loading saved hosts…
        </p>
      )}
      {(total > 0 || scan) && (
        <section className="discover-results" aria-label="Hosts">
          {discovery.scannedAt !== undefined && (
            <p className="muted discover-results__scanned" data-testid="discover-last-scan">
              Saved inventory from the scan of {formatDateTime(discovery.scannedAt)}
              {discovery.scannedTargets.length > 0 && ` (${discovery.scannedTargets.join(', ')})`}.
            </p>
          )}
          <HostTableToolbar
            filter={filter}
            kindFilter={kindFilter}
            kindCounts={kindCounts}
            shown={shown.length}
            total={total}
            onFilter={actions.setFilter}
            onKindFilter={actions.setKindFilter}
          />
          <div
            className={
              selectedHost
                ? 'discover-results__body discover-results__body--detail'
                : 'discover-results__body'
            }
          >
            <HostTable
              hosts={shown}
              sort={sort}
              selected={selected}
              emptyText={
                total === 0
                  ? running
                    ? 'No hosts found yet.'
                    : 'No hosts found.'
                  : 'No host matches the filter.'
              }
              onSort={actions.sortBy}
              onOpen={(address) => {
                actions.select(address);
                revealDetailSoon();
              }}
            />
            {selectedHost && (
              <HostDetail
                key={selectedHost.address}
                host={selectedHost}
                annotation={discovery.annotation}
                onEditAnnotation={actions.editAnnotation}
                onSaveAnnotation={() => void actions.saveAnnotation()}
                savedHostId={savedHostFor(selectedHost.address, savedHosts)}
                onDeploySuggested={() => {
                  void chooseDeployHost(savedHostFor(selectedHost.address, savedHosts));
                  window.location.hash = hrefFor('deploy');
                }}
                onAddAsHost={() => {
                  openAddHost({ address: selectedHost.address, discoveredAddress: selectedHost.address });
                  window.location.hash = hrefFor('hosts');
                }}
                onClose={() => {
                  actions.select(undefined);
                  focusSoon(hostRowId(selectedHost.address));
                }}
              />
            )}
          </div>
        </section>
      )}
    </section>
  );
}
