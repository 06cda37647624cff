// The fields one preset has beyond name, timeout and targets: status codes, POST body and
// token, body patterns, DNS query.
import type { JSX } from 'react';
import {
  defaultBody,
  defaultContentType,
  dnsQueryTypes,
  hasField,
  type BlackboxModuleDraft,
  type DnsQueryType,
  type ModuleChange,
  type ModuleProblems,
} from '../../stores/blackbox-editor';
import { FormField } from '../form-field.view';
import { BlackboxField } from './blackbox-field.view';
import { BlackboxTokenField } from './blackbox-token-field.view';

export interface TokenState {
  value: string;
  saving: boolean;
  /** Why the last save failed. */
  error?: string;
}

export interface BlackboxPresetFieldsProps {
  draft: BlackboxModuleDraft;
  problems: ModuleProblems;
  token: TokenState;
  onChange(change: ModuleChange): void;
  onTokenInput(value: string): void;
  onTokenSave(): void;
}

export function BlackboxPresetFields(props: BlackboxPresetFieldsProps): JSX.Element {
  const { draft, problems, token, onChange } = props;
  const id = (field: string): string => `blackbox-${draft.key}-${field}`;
  const has = (field: Parameters<typeof hasField>[1]): boolean => hasField(draft.preset, field);
  return (
    <>
      {has('validStatusCodes') && (
        <BlackboxField
          id={id('codes')}
          label="Valid status codes"
          hint="Comma separated, e.g. 200, 204. Empty means any 2xx."
          error={problems.validStatusCodes}
          value={draft.validStatusCodes}
          testId="blackbox-module-codes"
          onChange={(validStatusCodes) => onChange({ validStatusCodes })}
        />
      )}
      {has('bearerTokenSecretId') && (
        <BlackboxTokenField
          id={id('token')}
          secretId={draft.bearerTokenSecretId}
          value={token.value}
          saving={token.saving}
          error={token.error ?? problems.bearerTokenSecretId}
          onInput={props.onTokenInput}
          onSave={props.onTokenSave}
        />
      )}
      {has('body') && (
        <BlackboxField
          id={id('body')}
          label="POST body"
          hint={`Sent as is; ${defaultBody} unless changed.`}
          error={problems.body}
          value={draft.body}
          rows={2}
          testId="blackbox-module-body"
          onChange={(body) => onChange({ body })}
        />
      )}
      {has('contentType') && (
        <BlackboxField
          id={id('content-type')}
          label="Content type"
          hint={`The body’s media type; ${defaultContentType} unless changed.`}
          error={problems.contentType}
          value={draft.contentType}
          testId="blackbox-module-content-type"
          onChange={(contentType) => onChange({ contentType })}
        />
      )}
      {has('bodyMustMatch') && (
        <BlackboxField
          id={id('body-match')}
          label="Body must match"
          hint="One regular expression (RE2) per line; every one must match. Empty checks nothing."
          error={problems.bodyMustMatch}
          value={draft.bodyMustMatch}
          rows={2}
          testId="blackbox-module-body-match"
          onChange={(bodyMustMatch) => onChange({ bodyMustMatch })}
        />
      )}
      {has('queryName') && (
        <BlackboxField
          id={id('query-name')}
          label="Query name"
          hint="The domain the server is asked about, e.g. nas.lan."
          error={problems.queryName}
          value={draft.queryName}
          testId="blackbox-module-query-name"
          onChange={(queryName) => onChange({ queryName })}
        />
      )}
      {has('queryType') && (
        <FormField id={id('query-type')} label="Query type">
          <select
            id={id('query-type')}
            value={draft.queryType}
            data-testid="blackbox-module-query-type"
            onChange={(event) => onChange({ queryType: event.target.value as DnsQueryType })}
          >
            {dnsQueryTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </FormField>
      )}
      {has('answerMustMatch') && (
        <BlackboxField
          id={id('answer-match')}
          label="An MX answer must match"
          hint="One regular expression per line. Empty means any MX record will do."
          error={problems.answerMustMatch}
          value={draft.answerMustMatch}
          rows={2}
          testId="blackbox-module-answer-match"
          onChange={(answerMustMatch) => onChange({ answerMustMatch })}
        />
      )}
    </>
  );
}
