// SNMP agents on the LAN: one real snmpd per device namespace (the NAS as a Synology
// DiskStation, the managed switch with its ports, the UniFi access point), each with its
// own config and persistent dir. The printer has none: it answers ping only.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { startForegroundDaemon, stopByPidfile } from '../core/daemon';
import { waitFor } from '../core/wait';
import { labHosts, labSnmp, labStateDir } from '../lab-facts';
import { daemonState } from './databases/processes';
import { snmpGetFromWorkstation } from './snmp/snmp-client';
import { renderSnmpdConfig, snmpAgentNames, type SnmpAgentName } from './snmp/snmpd-config';
import { ensureSwitchPorts, removeSwitchPorts, switchPortStates } from './snmp/switch-ports';

const stateDir = `${labStateDir}/snmp`;
const sysNameOid = '1.3.6.1.2.1.1.5.0';

interface AgentPaths {
  dir: string;
  config: string;
  persistentDir: string;
  pidfile: string;
  logfile: string;
}

function agentPaths(name: SnmpAgentName): AgentPaths {
  const dir = `${stateDir}/${name}`;
  const file = (base: string): string => `${dir}/${base}`;
  return {
    dir,
    config: file('snmpd.conf'),
    persistentDir: file('persistent'),
    pidfile: file('snmpd.pid'),
    logfile: file('snmpd.log'),
  };
}

async function startAgent(name: SnmpAgentName): Promise<void> {
  const paths = agentPaths(name);
  const state = await daemonState(paths.pidfile, labHosts[name].netns);
  if (state === 'running') return;
  // Still running in a namespace that has since been rebuilt: it serves nobody.
  if (state === 'elsewhere') await stopByPidfile(paths.pidfile, 5000);
  // A fresh persistent dir each start: snmpd then creates the v3 user from createUser alone.
  await rm(paths.dir, { recursive: true, force: true });
  await mkdir(paths.persistentDir, { recursive: true, mode: 0o700 });
  await writeFile(paths.config, renderSnmpdConfig(name), { mode: 0o600 });
  await startForegroundDaemon({
    // -C: no system config (/etc/snmp); -Lo: log to stdout, our log file. snmpd writes the
    // same pid to -p as we do (ip netns exec execs it) and removes the file when it exits.
    argv: ['snmpd', '-f', '-Lo', '-C', '-c', paths.config, '-p', paths.pidfile],
    netns: labHosts[name].netns,
    pidfile: paths.pidfile,
    logfile: paths.logfile,
    env: { ...process.env, MIBS: ':', SNMP_PERSISTENT_DIR: paths.persistentDir },
  });
}

async function sysNameSeenFromWorkstation(name: SnmpAgentName): Promise<string | undefined> {
  return snmpGetFromWorkstation(labHosts[name].address, sysNameOid);
}

async function agentStatus(name: SnmpAgentName): Promise<ComponentStatus> {
  const { address, netns } = labHosts[name];
  const expected = labSnmp.agents[name].sysName;
  const label = `snmpd ${name}`;
  const state = await daemonState(agentPaths(name).pidfile, netns);
  if (state === 'stopped') return { name: label, state: 'down', detail: `no snmpd in ${netns}` };
  if (state === 'elsewhere')
    return { name: label, state: 'degraded', detail: `snmpd runs, but not in the current ${netns}` };
  const answer = await sysNameSeenFromWorkstation(name);
  if (answer === undefined)
    return {
      name: label,
      state: 'degraded',
      detail: `snmpd runs in ${netns}, but ${address} does not answer v2c`,
    };
  const mismatch = answer === expected ? '' : ` (expected ${expected})`;
  return {
    name: label,
    state: mismatch ? 'degraded' : 'up',
    detail: `${address} answers v2c as sysName ${answer}${mismatch}`,
  };
}

export const snmpAgents: LabComponent = {
  name: 'snmp agents',

  async up(log: LabLog) {
    await mkdir(stateDir, { recursive: true, mode: 0o755 });
    // Before the switch's snmpd starts, so its first ifTable already lists every port.
    await ensureSwitchPorts();
    for (const name of snmpAgentNames) await startAgent(name);
    for (const name of snmpAgentNames) {
      const expected = labSnmp.agents[name].sysName;
      await waitFor(
        `snmpd on ${labHosts[name].netns} to answer a v2c get from lab-ws`,
        async () => (await sysNameSeenFromWorkstation(name)) === expected,
        {
          timeoutMs: 15_000,
          intervalMs: 100,
        },
      );
    }
    log(
      `snmp agents: ${snmpAgentNames.map((name) => `${labSnmp.agents[name].sysName} (${labHosts[name].address})`).join(', ')} answer v2c from lab-ws`,
    );
  },

  async down() {
    for (const name of snmpAgentNames) await stopByPidfile(agentPaths(name).pidfile, 5000);
    await removeSwitchPorts();
    await rm(stateDir, { recursive: true, force: true });
  },

  async status(): Promise<ComponentStatus[]> {
    const statuses: ComponentStatus[] = [];
    for (const name of snmpAgentNames) statuses.push(await agentStatus(name));
    const ports = await switchPortStates();
    const wrong = ports.filter((port) => !port.present || port.linkUp !== port.expectedUp);
    statuses.push({
      name: 'switch ports',
      state: wrong.length === 0 ? 'up' : ports.every((port) => !port.present) ? 'down' : 'degraded',
      detail: ports
        .map((port) => `${port.name} ${!port.present ? 'missing' : port.linkUp ? 'up' : 'down'}`)
        .join(', '),
    });
    return statuses;
  },
};
