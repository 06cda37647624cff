import { describe, expect, it } from 'vitest';
import {
  openCommandsFor,
  readFirewalldPorts,
  readFirewalldState,
  readIptablesRules,
  readNftRuleset,
  readUfwStatus,
} from './firewall-rules';

describe('ufw', () => {
  const active = `Status: active

To                         Action      From
--                         ------      ----
22/tcp                     ALLOW       Anywhere
9100                       ALLOW       10.0.0.0/8
9115:9120/tcp              ALLOW       Anywhere
80,443/tcp                 ALLOW       Anywhere
9999/tcp                   DENY        Anywhere
22/tcp (v6)                ALLOW       Anywhere (v6)
`;

  it('reads an active firewall and the ports it allows', () => {
    const reading = readUfwStatus(active);
    expect(reading.state).toBe('active');
    expect([22, 9100, 9117, 443, 9999, 9182].filter(reading.allows)).toEqual([22, 9100, 9117, 443]);
  });

  it('reads inactive and unreadable output', () => {
    expect(readUfwStatus('Status: inactive\n').state).toBe('inactive');
    expect(readUfwStatus('ERROR: You need to be root to run this script\n').state).toBe('unknown');
  });
});

describe('firewalld', () => {
  it('reads --state and --list-ports', () => {
    expect(readFirewalldState('running\n', 0)).toBe('active');
    expect(readFirewalldState('not running\n', 252)).toBe('inactive');
    expect(readFirewalldState('', null)).toBe('unknown');
    const allows = readFirewalldPorts('22/tcp 9100-9110/tcp 53/udp\n');
    expect([22, 9105, 53, 9115].filter(allows)).toEqual([22, 9105]);
  });
});

describe('nftables', () => {
  /** Debian's stock /etc/nftables.conf: hooked chains that accept everything. */
  const stock = `table inet filter {
	chain input {
		type filter hook input priority filter; policy accept;
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
	}
}
`;
  const filtering = `table ip nat {
	chain POSTROUTING {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "eth0" masquerade
	}
}
table inet firewall {
	chain inbound {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		ct state invalid drop
		iif "lo" accept
		tcp dport 22 accept
		tcp dport { 80, 443, 9100-9110 } accept
	}
}
`;

  it('sees a stock ruleset as not filtering', () => {
    expect(readNftRuleset(stock).state).toBe('inactive');
    expect(readNftRuleset('').state).toBe('inactive');
  });

  it('sees a drop policy, the allowed ports and the input chain to add to', () => {
    const reading = readNftRuleset(filtering);
    expect(reading.state).toBe('active');
    expect(reading.inputChains).toEqual([{ family: 'inet', table: 'firewall', chain: 'inbound' }]);
    expect([22, 443, 9105, 9115].filter(reading.allows)).toEqual([22, 443, 9105]);
  });

  it('counts a final reject rule as filtering, but not a drop of invalid packets', () => {
    const reject = stock.replace(
      'policy accept;\n\t}',
      'policy accept;\n\t\treject with icmpx type port-unreachable\n\t}',
    );
    expect(readNftRuleset(reject).state).toBe('active');
    const invalidOnly = stock.replace(
      'policy accept;\n\t}',
      'policy accept;\n\t\tct state invalid drop\n\t}',
    );
    expect(readNftRuleset(invalidOnly).state).toBe('inactive');
  });
});

describe('iptables -S', () => {
  it('reads the INPUT policy, final rejects and accepted ports', () => {
    const rules = `-P INPUT DROP
-P FORWARD DROP
-P OUTPUT ACCEPT
-N DOCKER
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate INVALID -j DROP
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A INPUT -p tcp -m multiport --dports 80,443,9100:9110 -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
`;
    const reading = readIptablesRules(rules);
    expect(reading.state).toBe('active');
    expect([22, 80, 9105, 9115].filter(reading.allows)).toEqual([22, 80, 9105]);
    expect(readIptablesRules('-P INPUT ACCEPT\n-P FORWARD DROP\n-A FORWARD -j DOCKER\n').state).toBe(
      'inactive',
    );
    expect(
      readIptablesRules('-P INPUT ACCEPT\n-A INPUT -j REJECT --reject-with icmp-port-unreachable\n').state,
    ).toBe('active');
  });
});

describe('the rule to open', () => {
  it('is written per firewall, with sudo unless root', () => {
    expect(openCommandsFor('ufw', [9100], { asRoot: false })).toEqual(['sudo ufw allow 9100/tcp']);
    expect(openCommandsFor('firewalld', [9100, 9115], { asRoot: true })).toEqual([
      'firewall-cmd --permanent --add-port=9100/tcp',
      'firewall-cmd --permanent --add-port=9115/tcp',
      'firewall-cmd --reload',
    ]);
    expect(
      openCommandsFor('nftables', [9100], {
        asRoot: false,
        nftChain: { family: 'inet', table: 'firewall', chain: 'inbound' },
      }),
    ).toEqual(['sudo nft insert rule inet firewall inbound tcp dport 9100 accept']);
    expect(openCommandsFor('iptables', [9100], { asRoot: true })).toEqual([
      'iptables -I INPUT -p tcp --dport 9100 -j ACCEPT',
    ]);
    expect(openCommandsFor('ufw', [], { asRoot: true })).toEqual([]);
  });

  it('never puts an odd name from the host into a command', () => {
    const [command] = openCommandsFor('nftables', [9100], {
      asRoot: true,
      nftChain: { family: 'inet', table: '$(reboot)', chain: 'in;put' },
    });
    expect(command).toBe('nft insert rule inet filter input tcp dport 9100 accept');
  });
});
