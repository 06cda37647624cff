// A labelled form control with an optional hint and error, wired up for screen readers.
import type { JSX, ReactNode } from 'react';

export interface FormFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  errorTestId?: string;
  children: ReactNode;
}

/** The aria-describedby value a control inside FormField should carry. */
export function describedBy(id: string, hasHint: boolean, error: string | undefined): string | undefined {
  const ids = [hasHint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FormField({ id, label, hint, error, errorTestId, children }: FormFieldProps): JSX.Element {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" data-testid={errorTestId}>
          {error}
        </p>
      )}
    </div>
  );
}
