// Cardinality: the report of the scrape shown, the drop rules built from it, and once
// saved, redeploying Promstead's Prometheus with the Deploy page's own plan and apply
// (the deploy store and its views), so the diff and the rollback are the same.
import { useEffect, useMemo, type JSX } from 'react';
import type { ScrapeResult, ScrapeTarget } from '@shared/contract';
import { cardinalityReport } from '@shared/metrics/cardinality';
import { useShallow } from 'zustand/react/shallow';
import { ApplyJobSection } from '../deploy/apply-job.container';
import { DeployPlanView } from '../deploy/deploy-plan.view';
import { useDeployStore } from '../../stores/deploy.store';
import { useJobsStore } from '../../stores/jobs.store';
import { saveRefusal, useDropsStore } from '../../stores/metrics/metrics-drops.store';
import { CardinalityView } from './cardinality.view';
import { DropRulesView } from './drop-rules.view';

const familiesShown = 200;

export function CardinalityContainer({
  result,
  target,
}: {
  result: ScrapeResult;
  target: ScrapeTarget;
}): JSX.Element {
  const drops = useDropsStore(useShallow((state) => ({ ...state })));
  const deploy = useDeployStore(
    useShallow((state) => ({
      hostId: state.hostId,
      selection: state.selection,
      plan: state.plan,
      apply: state.apply,
      startApply: state.startApply,
      makePlan: state.makePlan,
    })),
  );
  const applyJob = useJobsStore((state) => (deploy.apply.jobId ? state.byId[deploy.apply.jobId] : undefined));
  const report = useMemo(() => cardinalityReport(result.families, { topK: 10 }), [result.families]);
  const { forTarget } = drops;
  useEffect(() => forTarget(target), [forTarget, target]);

  const prometheusHostId = drops.save.prometheusHostId;
  // The deploy store holds this redeploy only while it is about this host's Prometheus.
  const redeploying =
    prometheusHostId !== undefined &&
    deploy.hostId === prometheusHostId &&
    Object.keys(deploy.selection).join() === 'prometheus';
  const applying = deploy.apply.starting || applyJob?.state === 'running';

  return (
    <div className="metrics-cardinality">
      <div className="card">
        <CardinalityView
          report={report}
          limit={familiesShown}
          onDropFamily={drops.dropFamily}
          onDropValue={drops.dropLabelValue}
        />
      </div>
      <div className="card metrics-cardinality__rules">
        <DropRulesView
          drops={drops}
          refusal={saveRefusal(target)}
          onRemove={drops.removeRule}
          onPreview={() => void drops.previewDrops()}
          onSave={() => void drops.saveDrops()}
        />
        {drops.save.status === 'saved' && prometheusHostId && (
          <div className="form-actions">
            <button
              type="button"
              className="button button--primary"
              data-testid="metrics-deploy-prometheus"
              disabled={applying || (redeploying && deploy.plan.status === 'planning')}
              onClick={() => void drops.deployPrometheus()}
            >
              {redeploying ? 'Plan again' : 'Deploy Prometheus'}
            </button>
          </div>
        )}
        {drops.prometheusError && (
          <p className="notice notice--danger" role="alert" data-testid="metrics-prometheus-error">
            {drops.prometheusError}
          </p>
        )}
        {redeploying && (
          <>
            <DeployPlanView plan={deploy.plan} />
            {deploy.plan.status === 'ready' && (deploy.plan.plan?.actions.length ?? 0) > 0 && !applyJob && (
              <button
                type="button"
                className="button button--primary"
                data-testid="metrics-prometheus-apply"
                disabled={applying}
                onClick={() => void deploy.startApply()}
              >
                {applying ? 'Applying…' : 'Apply'}
              </button>
            )}
            <ApplyJobSection />
          </>
        )}
      </div>
    </div>
  );
}
