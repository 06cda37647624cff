// An operation's error as the Hosts page shows it: the code, the server's message, and
// what to do about it.
import type { JSX } from 'react';
import type { ApiError } from '@shared/contract';
import { adviceFor } from './host-access-labels';

export function ApiErrorNotice({ error, testId }: { error: ApiError; testId: string }): JSX.Element {
  const advice = adviceFor(error.code);
  return (
    <div
      className="notice notice--danger hosts-error"
      role="alert"
      data-testid={testId}
      data-code={error.code}
    >
      <p>
        <code className="hosts-error__code">{error.code}</code> {error.message}
      </p>
      {advice && <p className="hosts-error__advice">{advice}</p>}
    </div>
  );
}
