// How each lab image is laid out: where the binary sits, which user, arguments and
// files it starts with — close to the upstream images whose names the lab borrows,
// so the catalog's run settings work unchanged against them.
import type { labImages } from '../../lab-facts';
import { blackboxYml, prometheusYml, snmpYml } from './image-config-files';

export type LabImage = (typeof labImages)[number];

export interface ImageRecipe {
  /** The package's binary, at this path in the image; the entrypoint. */
  entrypoint: string;
  /** More programs from the package: path in the image → path on the machine. */
  extraBinaries?: Readonly<Record<string, string>>;
  cmd?: readonly string[];
  /** Absent: root, as upstream (blackbox needs raw sockets for ICMP). */
  user?: string;
  workdir?: string;
  /** Files written into the image: path → content. */
  files?: Readonly<Record<string, string>>;
  /** Empty folders, owned by the image's user (data folders). */
  dataDirs?: readonly string[];
  /** Empty folders the binary expects (Debian's defaults). */
  dirs?: readonly string[];
  /** Machine folders copied in as they are: symlinks are kept, not followed. */
  copiedTrees?: readonly string[];
}

const nobody = '65534';

export const imageRecipes = {
  'prom/node-exporter': {
    entrypoint: '/bin/node_exporter',
    user: nobody,
    // Debian's build looks for textfile metrics here by default.
    dirs: ['/var/lib/prometheus/node-exporter'],
  },
  'prom/blackbox-exporter': {
    entrypoint: '/bin/blackbox_exporter',
    cmd: ['--config.file=/etc/blackbox_exporter/config.yml'],
    files: { '/etc/blackbox_exporter/config.yml': blackboxYml },
  },
  'prom/snmp-exporter': {
    entrypoint: '/bin/snmp_exporter',
    cmd: ['--config.file=/etc/snmp_exporter/snmp.yml'],
    user: nobody,
    files: { '/etc/snmp_exporter/snmp.yml': snmpYml },
  },
  'prometheuscommunity/postgres-exporter': { entrypoint: '/bin/postgres_exporter', user: nobody },
  'prom/mysqld-exporter': { entrypoint: '/bin/mysqld_exporter', user: nobody },
  'oliver006/redis_exporter': { entrypoint: '/redis_exporter', user: '59000:59000' },
  'prom/pushgateway': {
    entrypoint: '/bin/pushgateway',
    user: nobody,
    workdir: '/pushgateway',
    dataDirs: ['/pushgateway'],
    // Debian's build serves its web page from here.
    copiedTrees: ['/usr/share/prometheus/pushgateway'],
  },
  'prom/prometheus': {
    entrypoint: '/bin/prometheus',
    extraBinaries: { '/bin/promtool': '/usr/bin/promtool' },
    cmd: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus'],
    user: nobody,
    workdir: '/prometheus',
    dataDirs: ['/prometheus'],
    files: { '/etc/prometheus/prometheus.yml': prometheusYml },
    // Debian's build serves its UI's static files from here (symlinks into
    // /usr/share/javascript: 400 KB as they are, 221 MB followed).
    copiedTrees: ['/usr/share/prometheus/web'],
  },
  // Upstream's image runs `sh` by default; busybox is static, so it is the whole image.
  'library/busybox': { entrypoint: '/bin/busybox', cmd: ['sh'] },
} as const satisfies Record<LabImage['repository'], ImageRecipe>;

export function recipeFor(image: LabImage): ImageRecipe {
  return imageRecipes[image.repository];
}
