// The add-Docker-endpoint form's editable copy, kept as typed text, and how it becomes a
// HostAddDockerInput. Both kinds keep their own fields, so switching between socket and
// TLS loses nothing typed; the server does the full validating (and reads the files).
import type { DockerEndpoint, HostAddDockerInput } from '@shared/contract';
import { parsePort } from './host-draft';

export type DockerConnectionChoice = DockerEndpoint['kind'];

export interface DockerEndpointDraft {
  name: string;
  connection: DockerConnectionChoice;
  /** Socket: the Docker socket on this machine. */
  socketPath: string;
  /** Socket: where Prometheus reaches this machine, so the exporters it runs. */
  localAddress: string;
  /** TLS: the daemon's address, which its certificate must name. */
  address: string;
  port: string;
  caPath: string;
  certPath: string;
  keyPath: string;
}

export type DockerDraftField =
  'name' | 'socketPath' | 'localAddress' | 'address' | 'port' | 'caPath' | 'certPath' | 'keyPath';
export type DockerDraftProblems = Partial<Record<DockerDraftField, string>>;

export const defaultSocketPath = '/var/run/docker.sock';
export const defaultLocalAddress = '127.0.0.1';
export const defaultTlsPort = '2376';

export function emptyDockerEndpointDraft(): DockerEndpointDraft {
  return {
    name: '',
    connection: 'socket',
    socketPath: defaultSocketPath,
    localAddress: defaultLocalAddress,
    address: '',
    port: defaultTlsPort,
    caPath: '',
    certPath: '',
    keyPath: '',
  };
}

/** The same characters and length the contract's address accepts. */
const addressPattern = /^[A-Za-z0-9._:-]+$/;
// Control characters have no business in a path someone types; a newline is a paste gone wrong.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

function addressProblem(text: string, missing: string): string | undefined {
  const address = text.trim();
  if (address === '') return missing;
  if (address.includes('://') || address.includes('/'))
    return 'Only the host name or IP address, without unix:// or tcp://.';
  if (address.length > 253 || !addressPattern.test(address))
    return 'A host name or IP address: letters, digits, dots, colons and dashes.';
  return undefined;
}

function pathProblem(text: string, missing: string): string | undefined {
  const path = text.trim();
  if (path === '') return missing;
  if (path.startsWith('~'))
    return 'An absolute path starting with /: ~ is not expanded, write the home folder out.';
  if (!path.startsWith('/') || path.length < 2) return 'An absolute path on this machine, starting with /.';
  if (path.length > 1000) return 'A path of at most 1000 characters.';
  if (controlCharacters.test(path)) return 'A path without line breaks or control characters.';
  return undefined;
}

/** What must be fixed before the endpoint can be tried; only the chosen kind's fields count. */
export function dockerDraftProblems(draft: DockerEndpointDraft): DockerDraftProblems {
  const problems: DockerDraftProblems = {};
  const note = (field: DockerDraftField, problem: string | undefined): void => {
    if (problem !== undefined) problems[field] = problem;
  };
  if (draft.name.trim().length > 100) note('name', 'A name of at most 100 characters.');
  if (draft.connection === 'socket') {
    note(
      'socketPath',
      pathProblem(draft.socketPath, 'Enter the absolute path of the Docker socket on this machine.'),
    );
    note(
      'localAddress',
      addressProblem(draft.localAddress, 'Enter the address Prometheus reaches this computer at.'),
    );
    return problems;
  }
  note('address', addressProblem(draft.address, 'Enter the Docker host name or IP address.'));
  if (parsePort(draft.port) === undefined) note('port', 'A port from 1 to 65535.');
  note('caPath', pathProblem(draft.caPath, 'Enter the absolute path of the CA certificate on this machine.'));
  note(
    'certPath',
    pathProblem(draft.certPath, 'Enter the absolute path of the client certificate on this machine.'),
  );
  note('keyPath', pathProblem(draft.keyPath, 'Enter the absolute path of the client key on this machine.'));
  return problems;
}

export function buildAddDockerInput(draft: DockerEndpointDraft): HostAddDockerInput {
  const name = draft.name.trim();
  const named = name ? { name } : {};
  if (draft.connection === 'socket')
    return {
      ...named,
      address: draft.localAddress.trim(),
      endpoint: { kind: 'socket', socketPath: draft.socketPath.trim() },
    };
  return {
    ...named,
    address: draft.address.trim(),
    endpoint: {
      kind: 'tls',
      port: parsePort(draft.port) ?? Number(defaultTlsPort),
      caPath: draft.caPath.trim(),
      certPath: draft.certPath.trim(),
      keyPath: draft.keyPath.trim(),
    },
  };
}
