// One labelled text input of the add-host form, with its hint and its problem.
import type { JSX } from 'react';
import { describedBy, FormField } from '../form-field.view';

export interface DraftInputProps {
  id: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'password';
  inputMode?: 'numeric';
  placeholder?: string;
  readOnly: boolean;
  onChange(value: string): void;
}

export function DraftInput({
  id,
  label,
  value,
  hint,
  error,
  type = 'text',
  inputMode,
  placeholder,
  readOnly,
  onChange,
}: DraftInputProps): JSX.Element {
  return (
    <FormField id={id} label={label} hint={hint} error={error} errorTestId={`${id}-error`}>
      <input
        id={id}
        data-testid={id}
        type={type}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint !== undefined, error)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}
