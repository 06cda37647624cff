import { describe, expect, it } from 'vitest';
import { decodeProcAddress, parseProcNetTcp, parseSsListeners, portsInUse } from './listening-ports';

/** The lab NAS's /proc/net/tcp: LISTEN (0A) and an ESTABLISHED (01) line. */
const tcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 1400CB0A:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1103821 1 00000000c1a1155d 100 0 0 10 0
   1: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 1103820 1 000000002dbfea5d 100 0 0 10 0
   2: 00000000:238C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1103077 1 000000005f596106 100 0 0 10 0
   3: 1400CB0A:0016 0A00CB0A:C350 01 00000000:00000000 02:000A7F2B 00000000     0        0 1104296 4 00000000d6510039 20 4 1 10 -1
`;
const tcp6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 19876 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 19877 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:2382 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 19878 1 0000000000000000 100 0 0 10 0
`;

describe('/proc/net/tcp', () => {
  it('lists LISTEN sockets only, with little-endian addresses', () => {
    expect(parseProcNetTcp(tcp)).toEqual([
      { address: '10.203.0.20', port: 22 },
      { address: '127.0.0.1', port: 5432 },
      { address: '0.0.0.0', port: 9100 },
    ]);
  });

  it('reads tcp6: ::, ::1 and IPv4-mapped addresses', () => {
    expect(parseProcNetTcp(tcp6)).toEqual([
      { address: '::', port: 22 },
      { address: '::1', port: 8080 },
      { address: '::ffff:127.0.0.1', port: 9090 },
    ]);
  });

  it('decodes other IPv6 addresses in short form', () => {
    expect(decodeProcAddress('000080FE000000000000000001000000')).toBe('fe80::1');
    expect(decodeProcAddress('B80D0120000000000000000000000000')).toBe('2001:db8::');
    expect(decodeProcAddress('nothex')).toBeUndefined();
  });

  it('skips garbled lines', () => {
    expect(parseProcNetTcp('0: ZZZZ:0016 x 0A\n1: 0100007F:0000 0 0A\n2 0100007F:0016 0 0A\n')).toEqual([]);
  });
});

describe('ss -ltnp', () => {
  const ss = `State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=812,fd=3))
LISTEN 0      4096            [::]:9100          [::]:*    users:(("node_exporter",pid=1500,fd=3))
LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=600,fd=14))
LISTEN 0      244      10.203.0.20:5432       0.0.0.0:*
`;

  it('names the process where ss could', () => {
    expect(parseSsListeners(ss)).toEqual([
      { address: '0.0.0.0', port: 22, process: 'sshd (pid 812)' },
      { address: '::', port: 9100, process: 'node_exporter (pid 1500)' },
      { address: '127.0.0.53', port: 53, process: 'systemd-resolve (pid 600)' },
      { address: '10.203.0.20', port: 5432 },
    ]);
  });

  it('combines /proc and ss per requested port', () => {
    expect(portsInUse([22, 9100, 9115, 22], parseProcNetTcp(tcp), parseSsListeners(ss))).toEqual([
      { port: 22, inUse: true, addresses: ['10.203.0.20', '0.0.0.0'], process: 'sshd (pid 812)' },
      { port: 9100, inUse: true, addresses: ['0.0.0.0', '::'], process: 'node_exporter (pid 1500)' },
      { port: 9115, inUse: false, addresses: [] },
    ]);
  });
});
