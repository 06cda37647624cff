// Deploy: binds the deploy store (with the hosts and jobs stores) to the flow: host →
// install method → exporters and parameters → plan → apply with progress and Cancel →
// verification, and the host's deployments with uninstall.
import { useEffect, useMemo, type JSX, type ReactNode } from 'react';
import { connectionLabel, readJobResult, type ExporterId } from '@shared/contract';
import { useShallow } from 'zustand/react/shallow';
import { ApplyJobSection } from '../components/deploy/apply-job.container';
import { InstallMethodPicker } from '../components/deploy/install-method.view';
import { BlackboxModuleEditor } from '../components/exporters/blackbox-module-editor.view';
import { DeployPlanView } from '../components/deploy/deploy-plan.view';
import { DeploymentList } from '../components/deploy/deployment-list.view';
import { ExporterPicker } from '../components/deploy/exporter-picker.view';
import { DeployErrorNotice } from '../components/deploy/deploy-error.view';
import { PreflightChecklist } from '../components/hosts/preflight-checklist.view';
import { hrefFor } from '../routing/routes.config';
import { effectiveMethod, lastPreflightOf, recommendationOf } from '../stores/deploy-method';
import { portsOf } from '../stores/deploy-selection';
import { allModuleProblems, blackboxExporterId } from '../stores/blackbox-editor';
import { useDeployStore } from '../stores/deploy.store';
import { useHostsStore } from '../stores/hosts.store';
import { useJobsStore } from '../stores/jobs.store';
import { usePreflightStore } from '../stores/preflight.store';
import { PageHeader } from './page-header.view';

export function DeployPage(): JSX.Element {
  const deploy = useDeployStore(useShallow((state) => ({ ...state })));
  const hosts = useHostsStore(useShallow((state) => ({ hosts: state.hosts, status: state.status })));
  const ensureHosts = useHostsStore((state) => state.ensureLoaded);
  const applyJob = useJobsStore((state) => (deploy.apply.jobId ? state.byId[deploy.apply.jobId] : undefined));
  const uninstallJob = useJobsStore((state) =>
    deploy.uninstall.jobId ? state.byId[deploy.uninstall.jobId] : undefined,
  );
  const jobsById = useJobsStore((state) => state.byId);
  const cancels = useJobsStore((state) => state.cancels);
  const cancelJob = useJobsStore((state) => state.cancel);
  const preflight = usePreflightStore(
    useShallow((state) => ({ shown: state.shown, run: state.run, close: state.close })),
  );
  const preflightJob = useJobsStore((state) =>
    preflight.shown?.jobId ? state.byId[preflight.shown.jobId] : undefined,
  );
  const chosenHost = hosts.hosts.find((host) => host.id === deploy.hostId);
  // Follows the newest preflight of the host this window saw end, on this page or on Hosts.
  const recommendation = useMemo(
    () => recommendationOf(lastPreflightOf(jobsById, chosenHost)),
    [jobsById, chosenHost],
  );
  const method = effectiveMethod(deploy.methodChoice, recommendation);
  // The chosen exporters' ports go into the check, so a port already taken shows before applying.
  const runPreflight = (): void => {
    if (deploy.hostId) void preflight.run(deploy.hostId, portsOf(deploy.selection, deploy.catalog));
  };
  const { ensureLoaded } = deploy;
  useEffect(() => {
    ensureHosts();
    void ensureLoaded();
  }, [ensureHosts, ensureLoaded]);

  const applying = deploy.apply.starting || applyJob?.state === 'running';
  const canApply = deploy.plan.status === 'ready' && (deploy.plan.plan?.actions.length ?? 0) > 0 && !applying;

  const paramsFormFor = (exporter: ExporterId): ReactNode =>
    exporter === blackboxExporterId ? (
      <BlackboxModuleEditor
        editor={deploy.blackbox}
        problems={allModuleProblems(deploy.blackbox.modules)}
        tokenOf={(key) => ({
          value: deploy.tokenInputs[key] ?? '',
          saving: deploy.tokenSaving === key,
          error: deploy.tokenError?.key === key ? deploy.tokenError.message : undefined,
        })}
        actions={{
          onAdd: deploy.addModule,
          onChange: deploy.editModule,
          onMove: deploy.moveModule,
          onRemove: deploy.removeModule,
          onTokenInput: deploy.editToken,
          onTokenSave: (key) => void deploy.saveToken(key),
        }}
      />
    ) : undefined;

  return (
    <section className="page page--wide deploy" aria-labelledby="page-title">
      <PageHeader title="Deploy">
        Choose a host and the exporters to run there. The plan is read from the host’s actual state; applying
        it is undone step by step if anything fails.
      </PageHeader>

      {deploy.status === 'error' && deploy.loadError && (
        <DeployErrorNotice error={deploy.loadError} testId="deploy-load-error" />
      )}

      <div className="card deploy-flow">
        <div className="field">
          <label className="field__label" htmlFor="deploy-host">
            Host
          </label>
          {hosts.status === 'ready' && hosts.hosts.length === 0 ? (
            <p className="muted" data-testid="deploy-no-hosts">
              No hosts yet: <a href={hrefFor('hosts')}>add one on the Hosts page</a>.
            </p>
          ) : (
            <select
              id="deploy-host"
              data-testid="deploy-host"
              value={deploy.hostId ?? ''}
              disabled={applying}
              onChange={(event) => void deploy.chooseHost(event.target.value || undefined)}
            >
              <option value="">Choose a host…</option>
              {hosts.hosts.map((host) => (
                <option key={host.id} value={host.id}>
                  {host.name} ({connectionLabel(host)})
                </option>
              ))}
            </select>
          )}
        </div>

        {deploy.hostId && deploy.status === 'ready' && (
          <>
            <InstallMethodPicker
              value={method}
              chosen={deploy.methodChoice !== undefined}
              recommendation={recommendation}
              disabled={applying}
              onChoose={deploy.chooseMethod}
            />
            <ExporterPicker
              catalog={deploy.catalog}
              selection={deploy.selection}
              suggestedFrom={deploy.suggestedFrom}
              disabled={applying}
              onToggle={deploy.toggleExporter}
              onParams={deploy.editParams}
              paramsFormFor={paramsFormFor}
            />
            {deploy.inputError && (
              <p className="notice notice--danger" role="alert" data-testid="deploy-input-error">
                {deploy.inputError}
              </p>
            )}
            <div className="form-actions">
              <button
                type="button"
                className="button button--secondary"
                data-testid="deploy-plan-button"
                disabled={applying || deploy.plan.status === 'planning'}
                onClick={() => void deploy.makePlan()}
              >
                {deploy.plan.status === 'planning' ? 'Planning…' : 'Plan'}
              </button>
              <button
                type="button"
                className="button button--secondary"
                data-testid="deploy-preflight-button"
                disabled={preflight.shown?.starting === true || preflightJob?.state === 'running'}
                onClick={runPreflight}
              >
                Preflight
              </button>
              <button
                type="button"
                className="button button--primary"
                data-testid="deploy-apply-button"
                disabled={!canApply}
                title={canApply ? undefined : 'Plan first; there is nothing to apply without changes.'}
                onClick={() => void deploy.startApply()}
              >
                {applying ? 'Applying…' : 'Apply'}
              </button>
            </div>
            {preflight.shown && chosenHost && preflight.shown.hostId === chosenHost.id && (
              <PreflightChecklist
                hostName={chosenHost.name}
                run={preflight.shown}
                job={preflightJob}
                report={
                  preflightJob?.state === 'done'
                    ? readJobResult('hosts.preflight', preflightJob.result)
                    : undefined
                }
                onRerun={runPreflight}
                onClose={preflight.close}
              />
            )}
            <DeployPlanView plan={deploy.plan} />
            <ApplyJobSection />
          </>
        )}
      </div>

      {deploy.hostId && (
        <DeploymentList
          deployments={deploy.deployments}
          loadError={deploy.deploymentsError}
          uninstall={deploy.uninstall}
          uninstallJob={uninstallJob}
          onAsk={deploy.askUninstall}
          onCancel={deploy.cancelUninstall}
          onConfirm={() => void deploy.confirmUninstall()}
          jobCancel={uninstallJob ? cancels[uninstallJob.jobId] : undefined}
          onCancelJob={() => {
            if (uninstallJob) void cancelJob(uninstallJob.jobId);
          }}
        />
      )}
    </section>
  );
}
