import { describe, expect, it } from 'vitest';
import {
  mapArchitecture,
  parseEnvFile,
  parseOsRelease,
  parsePveVersion,
  parseSynologyModel,
  parseSynologyVersion,
  parseTrueNasVersion,
  parseUnraidVersion,
} from './os-release';

const debian = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`;

const ubuntu = `PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
UBUNTU_CODENAME=jammy
`;

const alpine = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.19.1
PRETTY_NAME="Alpine Linux v3.19"
HOME_URL="https://alpinelinux.org/"
`;

/** /etc.defaults/VERSION of DSM 7.2.1 Update 5. */
const dsm7 = `majorversion="7"
minorversion="2"
major="7"
minor="2"
micro="1"
buildphase="GM"
buildnumber="69057"
smallfixnumber="5"
nano="5"
base="69057"
productversion="7.2.1"
os_name="DSM"
builddate="2024/04/02"
buildtime="17:25:48"
`;

/** DSM 6.1 wrote no productversion. */
const dsm6 = `majorversion="6"
minorversion="1"
buildphase="GM"
buildnumber="15284"
smallfixnumber="0"
builddate="2017/07/06"
`;

describe('os-release', () => {
  it('reads Debian, Ubuntu and Alpine', () => {
    expect(parseOsRelease(debian)).toEqual({
      id: 'debian',
      idLike: [],
      name: 'Debian GNU/Linux',
      versionId: '12',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(parseOsRelease(ubuntu)).toMatchObject({ id: 'ubuntu', idLike: ['debian'], versionId: '22.04' });
    expect(parseOsRelease(alpine)).toMatchObject({
      id: 'alpine',
      name: 'Alpine Linux',
      versionId: '3.19.1',
      prettyName: 'Alpine Linux v3.19',
    });
  });

  it('handles quoting, escapes, comments and junk as os-release(5) says', () => {
    const values = parseEnvFile(
      `# comment\nA="with \\"quotes\\" and \\$dollar"\nB='single $x'\nC=bare\n  D = no\nnot a line\nE=""\n`,
    );
    expect(values.get('A')).toBe('with "quotes" and $dollar');
    expect(values.get('B')).toBe('single $x');
    expect(values.get('C')).toBe('bare');
    expect(values.has('D')).toBe(false);
    expect(values.get('E')).toBe('');
  });

  it('strips control characters and bounds values from a hostile file', () => {
    const facts = parseOsRelease(
      `ID=\u001b[31mevil\nNAME="${'x'.repeat(10_000)}"\nID_LIKE="debian $(rm -rf /) ;x"\n`,
    );
    expect(facts.id).toBe('[31mevil');
    expect(facts.name.length).toBeLessThanOrEqual(120);
    expect(facts.idLike).toEqual(['debian', '-rf']);
  });

  it('falls back to Linux with no NAME or ID', () => {
    expect(parseOsRelease('garbage\n\0\0\0')).toEqual({ idLike: [], name: 'Linux' });
  });
});

describe('Synology DSM', () => {
  it('reads DSM 7 version and build with its update number', () => {
    expect(parseSynologyVersion(dsm7)).toEqual({ product: 'DSM', version: '7.2.1', build: '69057-5' });
  });

  it('composes the version of DSM 6, which has no productversion', () => {
    expect(parseSynologyVersion(dsm6)).toEqual({ product: 'DSM', version: '6.1', build: '15284' });
  });

  it('refuses a VERSION file that is not DSM', () => {
    expect(parseSynologyVersion('1.0\n')).toBeUndefined();
  });

  it('reads the model from synoinfo.conf', () => {
    expect(
      parseSynologyModel(
        'company_title="Synology"\nunique="synology_geminilake_920+"\nupnpmodelname="DS920+"\n',
      ),
    ).toBe('DS920+');
    expect(parseSynologyModel('unique="synology_apollolake_918+"\n')).toBe('synology_apollolake_918+');
  });
});

describe('Unraid, TrueNAS, Proxmox', () => {
  it('reads /etc/unraid-version', () => {
    expect(parseUnraidVersion('version="6.12.10"\n')).toBe('6.12.10');
  });

  it.each([
    ['TrueNAS-SCALE-22.12.4.2\n', { product: 'TrueNAS SCALE', version: '22.12.4.2' }],
    ['24.04.2\n', { product: 'TrueNAS SCALE', version: '24.04.2' }],
    ['TrueNAS-13.0-U6.1 (5d3bde6a33)\n', { product: 'TrueNAS CORE', version: '13.0-U6.1' }],
    ['something else', { product: 'TrueNAS' }],
  ])('reads TrueNAS /etc/version %j', (text, expected) => {
    expect(parseTrueNasVersion(text)).toEqual(expected);
  });

  it('reads pveversion', () => {
    expect(parsePveVersion('pve-manager/8.1.4/ec5affc9e41f1d79 (running kernel: 6.5.13-1-pve)\n')).toBe(
      '8.1.4',
    );
    expect(parsePveVersion('command not found')).toBeUndefined();
  });
});

describe('architecture', () => {
  it.each([
    ['x86_64', 'amd64'],
    ['aarch64', 'arm64'],
    ['armv7l', 'armv7'],
    ['armv6l', 'armv6'],
    ['armv5tel', 'armv5'],
    ['i686', '386'],
    ['ppc64le', 'ppc64le'],
    ['s390x', 's390x'],
    ['riscv64', 'riscv64'],
    ['mips', 'unknown'],
    ['', 'unknown'],
  ] as const)('%s is %s', (machine, arch) => {
    expect(mapArchitecture(machine)).toBe(arch);
  });
});
