// An engine error on the Metrics page: its code (what scripts and tests branch on) and
// the message as given, which for a Prometheus error is the server's own words.
import type { JSX } from 'react';
import type { ApiError } from '@shared/contract';

export function MetricsErrorNotice({ error, testId }: { error: ApiError; testId: string }): JSX.Element {
  return (
    <p
      className="notice notice--danger metrics-error"
      role="alert"
      data-testid={testId}
      data-code={error.code}
    >
      <strong>{error.code}</strong> <span className="metrics-error__message">{error.message}</span>
    </p>
  );
}
