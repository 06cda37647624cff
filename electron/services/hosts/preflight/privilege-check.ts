// Who the SSH user is and what root-only steps can use: root, sudo (without a password
// or with the one given), or nothing; and what the host's privilege setting should be.
import type { PreflightCheck, Privilege, PrivilegeFacts } from '@shared/contract';
import type { SudoMode } from '../../ssh';
import type { CommandOutput, HostProbe } from './host-probe';
import { cleanText } from './text-bounds';

type SudoState = PrivilegeFacts['sudo'];

/** sudo's answer to `sudo -n true` or `sudo -S true`, from its exit status and messages. */
export function readSudoAnswer(result: CommandOutput | undefined): SudoState {
  if (!result) return 'unknown';
  if (result.code === 0) return 'passwordless';
  const text = result.stderr;
  if (result.code === 127 || /sudo: (command )?not found|No such file/.test(text)) return 'notInstalled';
  if (/is not in the sudoers file|is not allowed to (run sudo|execute)|may not run sudo/.test(text))
    return 'notAllowed';
  if (/incorrect password attempt|Sorry, try again/.test(text)) return 'passwordRefused';
  if (/a password is required|a terminal is required/.test(text)) return 'passwordRequired';
  return 'unknown';
}

export interface PrivilegeOutcome {
  check: PreflightCheck;
  facts: PrivilegeFacts;
  /** How root-only reads run from here on; undefined when they cannot. */
  privileged: SudoMode | undefined;
}

export async function checkPrivilege(
  probe: HostProbe,
  configured: Privilege,
  sudoPassword: string | undefined,
): Promise<PrivilegeOutcome> {
  const idOutput = await probe.run(['id', '-u']);
  const nameOutput = await probe.run(['id', '-un']);
  const uidText = idOutput?.code === 0 ? idOutput.stdout.trim() : '';
  const uid = /^\d{1,10}$/.test(uidText) ? Number(uidText) : undefined;
  const username = nameOutput?.code === 0 ? cleanText(nameOutput.stdout, 64) || undefined : undefined;

  let sudo: SudoState;
  if (uid === 0) sudo = 'notNeeded';
  else if (!probe.tool('sudo')) sudo = 'notInstalled';
  else if (configured.kind === 'sudo' && sudoPassword !== undefined) {
    const answer = readSudoAnswer(await probe.run(['true'], { sudo: { password: sudoPassword } }));
    sudo = answer === 'passwordless' ? 'passwordAccepted' : answer;
  } else sudo = readSudoAnswer(await probe.run(['true'], { sudo: true }));

  const sudoWorks = sudo === 'passwordless' || sudo === 'passwordAccepted';
  const usable: PrivilegeFacts['usable'] =
    uid === 0 ? 'root' : configured.kind === 'sudo' && sudoWorks ? 'sudo' : 'none';
  const suggested: PrivilegeFacts['suggested'] = uid === 0 ? 'root' : sudoWorks ? 'sudo' : 'none';
  const facts: PrivilegeFacts = {
    ...(uid === undefined ? {} : { uid }),
    ...(username === undefined ? {} : { username }),
    configured: configured.kind,
    sudo,
    usable,
    suggested,
  };
  const privileged: SudoMode | undefined =
    usable === 'root'
      ? false
      : usable === 'sudo'
        ? sudoPassword !== undefined && sudo === 'passwordAccepted'
          ? { password: sudoPassword }
          : true
        : undefined;
  return { check: privilegeCheck(facts), facts, privileged };
}

const sudoWords: Record<SudoState, string> = {
  notNeeded: 'not needed (root)',
  passwordless: 'works without a password',
  passwordAccepted: 'works with the password given',
  passwordRequired: 'asks for a password',
  passwordRefused: 'refused the password given',
  notAllowed: 'is not allowed for this user',
  notInstalled: 'is not installed',
  unknown: 'gave an answer Promstead could not read',
};

export function privilegeCheck(facts: PrivilegeFacts): PreflightCheck {
  const who = `${facts.username ?? 'The user'} (uid ${facts.uid ?? '?'})`;
  const base = { id: 'privilege', title: 'Root or sudo' } as const;
  if (facts.usable === 'root') return { ...base, status: 'ok', detail: `${who} is root.` };
  const detail = `${who}; sudo ${sudoWords[facts.sudo]}.`;
  const user = facts.username ?? 'the user';
  if (facts.configured === 'root')
    return {
      ...base,
      status: 'fail',
      detail: `${detail} The host is set to connect as root, but this user is not root.`,
      fix: 'Connect as root, or set the host to use sudo.',
    };
  if (facts.usable === 'sudo') return { ...base, status: 'ok', detail };
  if (facts.configured === 'sudo')
    return {
      ...base,
      status: 'fail',
      detail: `${detail} Root-only steps are not possible.`,
      fix:
        facts.sudo === 'passwordRequired'
          ? 'Enter the sudo password in Hosts, or allow the user sudo without a password (NOPASSWD).'
          : facts.sudo === 'passwordRefused'
            ? 'Check the sudo password in Hosts.'
            : `Add ${user} to the sudo (or wheel) group on the host, or connect as a user who may use sudo.`,
    };
  if (facts.suggested === 'sudo')
    return {
      ...base,
      status: 'info',
      detail: `${detail} The host is set not to use it.`,
      fix: 'Set the host to use sudo to allow systemd installs and root-only checks.',
    };
  return {
    ...base,
    status: 'info',
    detail: `${detail} Root-only steps are not possible: Docker (if this user may use it) or an install by hand.`,
  };
}
