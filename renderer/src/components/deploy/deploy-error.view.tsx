// A deploy operation's error: the code and the server's message, which for an apply says
// what was rolled back. Without the Hosts page's advice, which is about saved hosts.
import type { JSX } from 'react';
import type { ApiError } from '@shared/contract';

export function DeployErrorNotice({ error, testId }: { error: ApiError; testId: string }): JSX.Element {
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
    </div>
  );
}
