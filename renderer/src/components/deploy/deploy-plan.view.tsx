// A plan as the server computed it from the host's actual state: the install method it
// used, each action with its before and after and diff (folded, monospace), the notes,
// or "No changes".
import type { JSX } from 'react';
import { planMethodLabels } from '../../stores/deploy-method';
import type { PlanState } from '../../stores/deploy.store';
import { DeployErrorNotice } from './deploy-error.view';

export function DeployPlanView({ plan }: { plan: PlanState }): JSX.Element | null {
  if (plan.status === 'idle') return null;
  if (plan.status === 'planning')
    return (
      <p className="muted" role="status" data-testid="deploy-plan-status">
        Reading the host’s state…
      </p>
    );
  if (plan.status === 'error' && plan.error)
    return <DeployErrorNotice error={plan.error} testId="deploy-plan-error" />;
  const ready = plan.plan;
  if (!ready) return null;
  return (
    <section className="deploy-plan" data-testid="deploy-plan" data-method={ready.method} aria-label="Plan">
      <h3 className="card__title">Plan</h3>
      <p data-testid="deploy-plan-method">
        Installs with <strong>{planMethodLabels[ready.method]}</strong>
      </p>
      {ready.actions.length === 0 ? (
        <p className="notice notice--ok" data-testid="deploy-plan-empty">
          No changes: the host already is as asked.
        </p>
      ) : (
        <ol className="deploy-plan__actions">
          {ready.actions.map((action, index) => (
            <li
              key={index}
              className="deploy-plan__action"
              data-testid="deploy-plan-action"
              data-kind={action.kind}
            >
              <details>
                <summary>
                  <code className="deploy-plan__kind">{action.kind}</code> {action.summary}{' '}
                  <span className="muted">
                    ({action.exporter} · {action.target})
                  </span>
                </summary>
                {action.before !== undefined && (
                  <>
                    <p className="deploy-plan__label">Before</p>
                    <pre className="deploy-plan__code">{action.before}</pre>
                  </>
                )}
                {action.after !== undefined && (
                  <>
                    <p className="deploy-plan__label">After</p>
                    <pre className="deploy-plan__code">{action.after}</pre>
                  </>
                )}
                {action.diff !== undefined && (
                  <>
                    <p className="deploy-plan__label">Diff</p>
                    <pre className="deploy-plan__code deploy-plan__diff">{action.diff}</pre>
                  </>
                )}
              </details>
            </li>
          ))}
        </ol>
      )}
      {ready.notes.length > 0 && (
        <ul className="deploy-plan__notes" data-testid="deploy-plan-notes" aria-label="Notes">
          {ready.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
