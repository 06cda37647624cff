// Every fact about the test lab, in one place: tests, fixtures and the lab scripts
// read them from here so no address, credential or path is written twice.
export const labSubnet = '10.203.0.0/24';
export const labPrefixLength = 24;

export const labHosts = {
  lan: { netns: 'lab-lan', address: '10.203.0.1', role: 'bridge (no uplink)' },
  workstation: { netns: 'lab-ws', address: '10.203.0.10', role: 'workstation: runs the app and the tests' },
  nas: {
    netns: 'lab-nas',
    address: '10.203.0.20',
    role: 'NAS "DiskStation": sshd, dockerd, registry, snmpd, databases',
    hostname: 'DiskStation',
  },
  switch: { netns: 'lab-switch', address: '10.203.0.2', role: 'managed switch: snmpd with an ifTable' },
  accessPoint: { netns: 'lab-ap', address: '10.203.0.3', role: 'UniFi access point: snmpd' },
  printer: { netns: 'lab-printer', address: '10.203.0.30', role: 'printer: answers ping only' },
} as const;

export type LabHostName = keyof typeof labHosts;
/** The namespaces that are hosts on the LAN (all but the bridge's own). */
export const lanHostNames = [
  'workstation',
  'nas',
  'switch',
  'accessPoint',
  'printer',
] as const satisfies readonly LabHostName[];

/** An address outside the lab, used only to prove the guard route refuses it. */
export const outsideAddress = '192.0.2.123';

/** Runtime state (pidfiles, sockets, data): removed by `lab down`. */
export const labStateDir = '/tmp/promstead-lab';
/** Kept between runs: the image build cache and the registry's storage. */
export const labCacheDir = '/var/cache/promstead-lab';

export const labSsh = {
  port: 22,
  /** Key login; member of the docker group. */
  keyUser: {
    name: 'labadmin',
    uid: 23001,
    privateKeyPath: `${labStateDir}/keys/id_ed25519`,
    publicKeyPath: `${labStateDir}/keys/id_ed25519.pub`,
  },
  /** Password login; not in the docker group. */
  passwordUser: { name: 'labuser', uid: 23002, password: 'lab-password-7f3a' },
  hostKeyPath: `${labStateDir}/nas/ssh/ssh_host_ed25519_key`,
} as const;

export const labDocker = {
  /** The NAS dockerd's socket as seen from the machine (root namespace). */
  socketPath: `${labStateDir}/nas/docker/docker.sock`,
  /** Where SSH sessions on the NAS find it, as on a real host. */
  remoteSocketPath: '/var/run/docker.sock',
};

/**
 * The NAS dockerd also listens on TCP with mutual TLS (`--tlsverify`), as a NAS exposing
 * Docker to the LAN should: certificates made by openssl at each up, under the docker dir.
 * `stranger` is a client certificate from another CA, which the daemon must refuse.
 */
const dockerTlsDir = `${labStateDir}/nas/docker/tls`;
export const labDockerTls = {
  port: 2376,
  dir: dockerTlsDir,
  caPath: `${dockerTlsDir}/ca.pem`,
  caKeyPath: `${dockerTlsDir}/ca-key.pem`,
  serverCertPath: `${dockerTlsDir}/server-cert.pem`,
  serverKeyPath: `${dockerTlsDir}/server-key.pem`,
  clientCertPath: `${dockerTlsDir}/client-cert.pem`,
  clientKeyPath: `${dockerTlsDir}/client-key.pem`,
  stranger: {
    caPath: `${dockerTlsDir}/stranger-ca.pem`,
    caKeyPath: `${dockerTlsDir}/stranger-ca-key.pem`,
    certPath: `${dockerTlsDir}/stranger-cert.pem`,
    keyPath: `${dockerTlsDir}/stranger-key.pem`,
  },
} as const;

export const labRegistry = {
  host: `${labHosts.nas.address}:5000`,
  url: `http://${labHosts.nas.address}:5000`,
};

export const labSnmp = {
  port: 161,
  community: 'public',
  wrongCommunity: 'not-the-community',
  v3: {
    user: 'promstead',
    authProtocol: 'SHA' as const,
    authKey: 'lab-auth-pass-1',
    privProtocol: 'AES' as const,
    privKey: 'lab-priv-pass-1',
  },
  enterprise: {
    synology: '1.3.6.1.4.1.6574',
    ubiquiti: '1.3.6.1.4.1.41112',
    netSnmp: '1.3.6.1.4.1.8072',
    tpLink: '1.3.6.1.4.1.11863',
  },
  /**
   * The switch's ports: name, whether its link is up (ifOperStatus 1, else 2), and ifIndex.
   * Each is a veth in lab-switch, admin up (ifAdminStatus 1) like a port on a real switch;
   * its other end (`peer`) is in lab-switch too, so snmpd 5.9.3 lists it as well (its
   * include_ifmib_iface_prefix filter does not work): ifTable has lo (1), eth0 (2), the
   * ports (11–15) and the peers (111–115), ifNumber 12. A down port's peer is down: an
   * unplugged cable. Both ends of a veth report ifSpeed 4294967295 (10 Gbit/s).
   */
  switchPorts: [
    { name: 'port1', up: true, ifIndex: 11, peer: { name: 'peer1', ifIndex: 111 } },
    { name: 'port2', up: true, ifIndex: 12, peer: { name: 'peer2', ifIndex: 112 } },
    { name: 'port3', up: false, ifIndex: 13, peer: { name: 'peer3', ifIndex: 113 } },
    { name: 'port4', up: true, ifIndex: 14, peer: { name: 'peer4', ifIndex: 114 } },
    { name: 'port5', up: false, ifIndex: 15, peer: { name: 'peer5', ifIndex: 115 } },
  ],
  /**
   * What each agent answers (OIDs without the leading dot, as net-snmp for Node gives them):
   * its system group, and vendor scalars set with snmpd's `override` — a number is an
   * INTEGER, a string an OCTET STRING. Everything else an agent answers is net-snmp's own
   * (IF-MIB for its namespace's interfaces; HOST-RESOURCES and UCD about the build machine).
   */
  agents: {
    nas: {
      sysDescr: 'Linux DiskStation 4.4.302+ #72806 SMP Thu Sep 5 13:44:21 CST 2024 x86_64',
      /** What a real DSM reports: net-snmp's Linux object ID. */
      sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
      sysName: 'DiskStation',
      sysLocation: 'Home office',
      sysContact: 'admin@home.lan',
      sysServices: 72,
      /** SYNOLOGY-SYSTEM-MIB: status values 1 = normal. */
      vendorOids: {
        systemStatus: { oid: '1.3.6.1.4.1.6574.1.1.0', value: 1 },
        temperature: { oid: '1.3.6.1.4.1.6574.1.2.0', value: 41 },
        powerStatus: { oid: '1.3.6.1.4.1.6574.1.3.0', value: 1 },
        systemFanStatus: { oid: '1.3.6.1.4.1.6574.1.4.1.0', value: 1 },
        cpuFanStatus: { oid: '1.3.6.1.4.1.6574.1.4.2.0', value: 1 },
        modelName: { oid: '1.3.6.1.4.1.6574.1.5.1.0', value: 'DS920+' },
        serialNumber: { oid: '1.3.6.1.4.1.6574.1.5.2.0', value: '2040PDN123456' },
        version: { oid: '1.3.6.1.4.1.6574.1.5.3.0', value: 'DSM 7.2.1-69057' },
        /** 2 = unavailable (no update). */
        upgradeAvailable: { oid: '1.3.6.1.4.1.6574.1.5.4.0', value: 2 },
      },
    },
    switch: {
      sysDescr: 'TP-Link JetStream 8-Port Gigabit L2 Managed Switch TL-SG3210',
      /** Under TP-Link's enterprise; not necessarily the ID a real TL-SG3210 reports. */
      sysObjectID: '1.3.6.1.4.1.11863.1.1.3',
      sysName: 'TL-SG3210',
      sysLocation: 'Rack',
      sysContact: 'admin@home.lan',
      sysServices: 2,
      vendorOids: {},
    },
    accessPoint: {
      sysDescr: 'UAP-AC-Pro 6.5.62.14792',
      sysObjectID: '1.3.6.1.4.1.41112.1.6',
      sysName: 'UAP-AC-Pro-Living-Room',
      sysLocation: 'Living room',
      sysContact: 'admin@home.lan',
      sysServices: 2,
      /** UBNT-UniFi-MIB unifiApSystem; isolated is a TruthValue (2 = false). */
      vendorOids: {
        isolated: { oid: '1.3.6.1.4.1.41112.1.6.3.2.0', value: 2 },
        model: { oid: '1.3.6.1.4.1.41112.1.6.3.3.0', value: 'UAP-AC-Pro' },
        version: { oid: '1.3.6.1.4.1.41112.1.6.3.6.0', value: '6.5.62.14792' },
      },
    },
  },
} as const;

export const labDatabases = {
  postgres: { port: 5432, user: 'promstead_monitor', password: 'lab-pg-pass-3c1d', database: 'postgres' },
  mariadb: { port: 3306, user: 'promstead_monitor', password: 'lab-my-pass-88aa' },
  redis: { port: 6379, password: 'lab-redis-pass-51be' },
} as const;

/**
 * Images built from Debian's exporter packages and pushed to the lab registry under
 * the repository names upstream publishes, tagged with the packaged versions.
 */
export const labImages = [
  {
    repository: 'prom/node-exporter',
    tag: 'v1.5.0',
    debianPackage: 'prometheus-node-exporter',
    binary: '/usr/bin/prometheus-node-exporter',
    port: 9100,
  },
  {
    repository: 'prom/blackbox-exporter',
    tag: 'v0.23.0',
    debianPackage: 'prometheus-blackbox-exporter',
    binary: '/usr/bin/prometheus-blackbox-exporter',
    port: 9115,
  },
  {
    repository: 'prom/snmp-exporter',
    tag: 'v0.21.0',
    debianPackage: 'prometheus-snmp-exporter',
    binary: '/usr/bin/prometheus-snmp-exporter',
    port: 9116,
  },
  {
    repository: 'prometheuscommunity/postgres-exporter',
    tag: 'v0.11.1',
    debianPackage: 'prometheus-postgres-exporter',
    binary: '/usr/bin/prometheus-postgres-exporter',
    port: 9187,
  },
  {
    repository: 'prom/mysqld-exporter',
    tag: 'v0.14.0',
    debianPackage: 'prometheus-mysqld-exporter',
    binary: '/usr/bin/prometheus-mysqld-exporter',
    port: 9104,
  },
  {
    repository: 'oliver006/redis_exporter',
    tag: 'v1.45.0',
    debianPackage: 'prometheus-redis-exporter',
    binary: '/usr/bin/prometheus-redis-exporter',
    port: 9121,
  },
  {
    repository: 'prom/pushgateway',
    tag: 'v1.5.1',
    debianPackage: 'prometheus-pushgateway',
    binary: '/usr/bin/prometheus-pushgateway',
    port: 9091,
  },
  {
    repository: 'prom/prometheus',
    tag: 'v2.42.0',
    debianPackage: 'prometheus',
    binary: '/usr/bin/prometheus',
    port: 9090,
  },
  {
    // Not an exporter: the helper the Docker deploy method runs to write and remove host
    // files as root when the login user is only in the docker group.
    repository: 'library/busybox',
    tag: '1.35.0',
    debianPackage: 'busybox-static',
    binary: '/bin/busybox',
  },
] as const;

/** The version of a lab image, as settings pin it: `prom/node-exporter` → `1.5.0`. */
export function labVersion(repository: (typeof labImages)[number]['repository']): string {
  const image = labImages.find((entry) => entry.repository === repository);
  if (!image) throw new Error(`the lab has no ${repository}`);
  return image.tag.replace(/^v/, '');
}

export function labImageRef(image: (typeof labImages)[number]): string {
  return `${labRegistry.host}/${image.repository}:${image.tag}`;
}

/**
 * A real Debian 12 host with systemd as PID 1 (for the binary + systemd install
 * method): its own namespaces, joined to the LAN's bridge, no default route. Root and
 * `deployer` log in with the lab's systemd-host key pair; `limited` with a password.
 */
export const labSystemdHost = {
  netns: 'lab-homeserver',
  address: '10.203.0.40',
  hostname: 'homeserver',
  role: 'Debian 12 host booted with systemd: sshd, root and sudo users',
  sshPort: 22,
  /** Root's and deployer's key (its own pair, so it does not depend on the NAS's). */
  privateKeyPath: `${labStateDir}/systemd-host/keys/id_ed25519`,
  publicKeyPath: `${labStateDir}/systemd-host/keys/id_ed25519.pub`,
  /** Generated at each up; tests compute its fingerprint from the .pub next to it. */
  hostKeyPath: `${labStateDir}/systemd-host/keys/ssh_host_ed25519_key`,
  hostPublicKeyPath: `${labStateDir}/systemd-host/keys/ssh_host_ed25519_key.pub`,
  /** Key login with passwordless sudo. */
  deployer: { name: 'deployer', uid: 1001 },
  /** Password login, no sudo. */
  limited: { name: 'limited', uid: 1002, password: 'lab-limited-pass-9d4e' },
  debianSuite: 'bookworm',
  /** The debootstrapped root filesystem, kept between runs; each boot writes to an overlay. */
  rootfsCacheDir: `${labCacheDir}/systemd-host`,
} as const;

/**
 * Every address that answers on the lab LAN once the lab is up: the bridge, the five
 * namespace hosts and the systemd host, in address order. Sweeps and scans must find
 * exactly these.
 */
export const lanAddresses: readonly string[] = [
  labHosts.lan.address,
  ...lanHostNames.map((name) => labHosts[name].address),
  labSystemdHost.address,
].sort((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3]));
