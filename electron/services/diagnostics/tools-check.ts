// Are fping and ping installed, and does ping actually work for this user?
import type { Capability } from '@shared/contract';
import { findExecutable } from './find-executable';
import { runCommand } from './run-command';

export async function checkFping(signal?: AbortSignal): Promise<Capability> {
  const path = await findExecutable('fping');
  if (!path)
    return {
      status: 'missing',
      detail:
        'fping is not installed; scans use ping, slower. Install it (apt install fping, brew install fping).',
    };
  const result = await runCommand(path, ['-v'], { timeoutMs: 3000, signal }).catch(() => undefined);
  const version = /Version\s+([\d.]+)/i.exec(`${result?.stdout ?? ''}${result?.stderr ?? ''}`)?.[1];
  return { status: 'ok', detail: `fping ${version ?? ''} at ${path}.`.replace('  ', ' ') };
}

/** Sends one echo to 127.0.0.1 with the system ping: proof that it can send ICMP here. */
export async function checkPing(signal?: AbortSignal): Promise<Capability> {
  const path = await findExecutable('ping');
  if (!path) return { status: 'missing', detail: 'No ping command found; scans fall back to TCP probes.' };
  const args =
    process.platform === 'win32'
      ? ['-n', '1', '-w', '1000', '127.0.0.1']
      : ['-c', '1', '-W', '1', '127.0.0.1'];
  const result = await runCommand(path, args, { timeoutMs: 4000, signal });
  if (result.code === 0) return { status: 'ok', detail: `${path} works (echo to 127.0.0.1 answered).` };
  const reason = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
  return {
    status: 'warn',
    detail: `${path} is present but failed here${reason ? `: ${reason}` : ''}. Scans fall back to TCP probes.`,
  };
}
