// The deploy store's apply as the Deploy page and the Metrics page's Prometheus redeploy
// both show it: the error that kept it from starting, or the job with its progress,
// Cancel, its result, and a way to plan again.
import type { JSX } from 'react';
import { readJobResult } from '@shared/contract';
import { useDeployStore } from '../../stores/deploy.store';
import { useJobsStore } from '../../stores/jobs.store';
import { ApplyResultView } from './apply-result.view';
import { DeployErrorNotice } from './deploy-error.view';

export function ApplyJobSection(): JSX.Element {
  const apply = useDeployStore((state) => state.apply);
  const planIdle = useDeployStore((state) => state.plan.status === 'idle');
  const makePlan = useDeployStore((state) => state.makePlan);
  const applyJob = useJobsStore((state) => (apply.jobId ? state.byId[apply.jobId] : undefined));
  const cancels = useJobsStore((state) => state.cancels);
  const cancelJob = useJobsStore((state) => state.cancel);
  return (
    <>
      {apply.error && <DeployErrorNotice error={apply.error} testId="deploy-apply-error" />}
      {applyJob && (
        <ApplyResultView
          job={applyJob}
          result={applyJob.state === 'done' ? readJobResult('deploy.apply', applyJob.result) : undefined}
          cancel={cancels[applyJob.jobId]}
          onCancel={() => void cancelJob(applyJob.jobId)}
          onPlanAgain={planIdle ? () => void makePlan() : undefined}
        />
      )}
    </>
  );
}
