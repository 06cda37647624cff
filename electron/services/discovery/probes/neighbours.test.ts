import { describe, expect, it } from 'vitest';
import { parseArpCommand, parseProcNetArp } from './neighbours';

describe('parseProcNetArp', () => {
  it('keeps complete entries, lowercased, and skips incomplete and empty ones', () => {
    const table = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '10.203.0.20      0x1         0x2         E6:B0:26:72:99:B6     *        eth0',
      '10.203.0.3       0x1         0x0         00:00:00:00:00:00     *        eth0',
      '10.203.0.4       0x1         0x2         00:00:00:00:00:00     *        eth0',
      '10.203.0.5       0x1         0x6         00:11:32:aa:bb:cc     *        eth0',
      '10.203.0.20      0x1         0x2         00:11:32:00:00:01     *        eth1',
      'garbage line',
      '',
    ].join('\n');
    expect(parseProcNetArp(table)).toEqual(
      new Map([
        ['10.203.0.20', 'e6:b0:26:72:99:b6'],
        ['10.203.0.5', '00:11:32:aa:bb:cc'],
      ]),
    );
  });

  it('treats the header alone as an empty table', () => {
    expect(
      parseProcNetArp('IP address       HW type     Flags       HW address            Mask     Device\n')
        .size,
    ).toBe(0);
  });
});

describe('parseArpCommand', () => {
  it('reads macOS arp -an', () => {
    const output = [
      '? (192.168.1.1) at 0:11:32:a:b:c on en0 ifscope [ethernet]',
      '? (192.168.1.7) at (incomplete) on en0 ifscope [ethernet]',
      '? (192.168.1.255) at ff:ff:ff:ff:ff:ff on en0 ifscope [ethernet]',
      '? (224.0.0.251) at 1:0:5e:0:0:fb on en0 ifscope permanent [ethernet]',
    ].join('\n');
    expect(parseArpCommand(output)).toEqual(new Map([['192.168.1.1', '00:11:32:0a:0b:0c']]));
  });

  it('reads Windows arp -a', () => {
    const output = [
      '',
      'Interface: 192.168.1.10 --- 0x7',
      '  Internet Address      Physical Address      Type',
      '  192.168.1.1           24-5a-4c-01-02-03     dynamic',
      '  192.168.1.255         ff-ff-ff-ff-ff-ff     static',
      '  239.255.255.250       01-00-5e-7f-ff-fa     static',
      '',
    ].join('\r\n');
    expect(parseArpCommand(output)).toEqual(new Map([['192.168.1.1', '24:5a:4c:01:02:03']]));
  });
});
