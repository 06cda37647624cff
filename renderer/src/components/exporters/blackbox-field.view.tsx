// One labelled text input or textarea of a blackbox module, with its hint and problem.
import type { JSX } from 'react';
import { describedBy, FormField } from '../form-field.view';

export interface BlackboxFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  /** Rows of a textarea; a one-line input when left out. */
  rows?: number;
  placeholder?: string;
  testId: string;
  onChange(value: string): void;
}

export function BlackboxField(props: BlackboxFieldProps): JSX.Element {
  const { id, label, hint, error, value, rows, placeholder, testId } = props;
  const common = {
    id,
    value,
    placeholder,
    spellCheck: false,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint !== undefined, error),
    'data-testid': testId,
  } as const;
  return (
    <FormField id={id} label={label} hint={hint} error={error} errorTestId={`${testId}-error`}>
      {rows === undefined ? (
        <input
          {...common}
          type="text"
          autoComplete="off"
          onChange={(event) => props.onChange(event.target.value)}
        />
      ) : (
        <textarea
          {...common}
          className="blackbox-module__textarea"
          rows={rows}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
