// snmpget from the workstation namespace with Debian's net-snmp tools, to check that an
// agent answers as a scan would see it: numeric OIDs (Debian ships no MIBs), and no config
// read or state written outside the lab's state dir.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { run } from '../../core/command';
import { labHosts, labSnmp, labStateDir } from '../../lab-facts';

const clientDir = `${labStateDir}/snmp/client`;

/** The value at `oid` from a v2c get, or undefined on a timeout or an error. */
export async function snmpGetFromWorkstation(
  address: string,
  oid: string,
  timeoutSeconds = 0.5,
): Promise<string | undefined> {
  // With the lab down there is nothing to ask, and `lab status` must not leave files.
  if (!existsSync(labStateDir) || !existsSync(`/var/run/netns/${labHosts.workstation.netns}`))
    return undefined;
  await mkdir(clientDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env, MIBS: ':', SNMPCONFPATH: clientDir, SNMP_PERSISTENT_DIR: clientDir };
  const args = [
    '-On',
    '-Oqv',
    '-v2c',
    '-c',
    labSnmp.community,
    '-t',
    String(timeoutSeconds),
    '-r',
    '0',
    `${address}:${labSnmp.port}`,
    oid,
  ];
  const result = await run('snmpget', args, {
    netns: labHosts.workstation.netns,
    env,
    timeoutMs: 10_000,
    allowFailure: true,
  });
  if (result.code !== 0) return undefined;
  return result.stdout.trim().replace(/^"(.*)"$/s, '$1');
}
