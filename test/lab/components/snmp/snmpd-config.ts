// One snmpd.conf per lab agent, rendered from lab-facts: who may ask (the v2c community,
// the v3 user with authPriv only), what the system group says, and the vendor scalars a
// real device of that kind answers.
import { labHosts, labSnmp } from '../../lab-facts';

export type SnmpAgentName = keyof typeof labSnmp.agents;

export const snmpAgentNames = Object.keys(labSnmp.agents) as SnmpAgentName[];

/** snmpd reads the rest of a line as the value; a quote or newline would break the file. */
function configValue(value: string): string {
  if (/["\\\r\n]/.test(value))
    throw new Error(`snmpd.conf value with a quote, backslash or newline: ${value}`);
  return value;
}

function overrideLine(oid: string, value: string | number): string {
  const type = typeof value === 'number' ? 'integer' : 'octet_str';
  const rendered = typeof value === 'number' ? String(value) : `"${configValue(value)}"`;
  return `override .${oid} ${type} ${rendered}`;
}

export function renderSnmpdConfig(name: SnmpAgentName): string {
  const agent = labSnmp.agents[name];
  const { user, authProtocol, authKey, privProtocol, privKey } = labSnmp.v3;
  const vendorOids: Record<string, { oid: string; value: string | number }> = agent.vendorOids;
  return [
    `# ${labHosts[name].role}: written by the Promstead test lab, removed by \`lab down\`.`,
    // Only the host's LAN address: a wrong address or port is a timeout, as on the real device.
    `agentAddress udp:${labHosts[name].address}:${labSnmp.port}`,
    `rocommunity ${configValue(labSnmp.community)}`,
    // snmpd 5.9 turns this into a usmUser in its persistent dir at start.
    `createUser ${user} ${authProtocol} ${configValue(authKey)} ${privProtocol} ${configValue(privKey)}`,
    `rouser ${user} priv`,
    `sysDescr ${configValue(agent.sysDescr)}`,
    `sysObjectID .${agent.sysObjectID}`,
    `sysName ${configValue(agent.sysName)}`,
    `sysLocation ${configValue(agent.sysLocation)}`,
    `sysContact ${configValue(agent.sysContact)}`,
    `sysServices ${agent.sysServices}`,
    ...Object.values(vendorOids).map(({ oid, value }) => overrideLine(oid, value)),
    '',
  ].join('\n');
}
