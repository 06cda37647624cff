// The databases on the NAS — Postgres, MariaDB, Redis — on the standard ports, so a scan
// from the workstation finds them and exporters on the NAS reach them on localhost.
import { rmdir } from 'node:fs/promises';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { labDatabases, labHosts } from '../lab-facts';
import { mariadb } from './databases/mariadb';
import { databasesStateDir, type NasDatabase } from './databases/nas-database';
import { postgres } from './databases/postgres';
import { redis } from './databases/redis';

const nasDatabases: readonly NasDatabase[] = [postgres, mariadb, redis];

/** Runs `action` on every database (concurrently: the slow parts are init), then reports every failure. */
async function onEach(action: (database: NasDatabase) => Promise<void>, what: string): Promise<void> {
  const results = await Promise.allSettled(nasDatabases.map((database) => action(database)));
  const failures = results.flatMap((result, index) =>
    result.status === 'rejected'
      ? [
          `${nasDatabases[index]?.name}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`,
        ]
      : [],
  );
  if (failures.length > 0) throw new Error(`${what} failed — ${failures.join('; ')}`);
}

export const databases: LabComponent = {
  name: 'databases',

  async up(log: LabLog) {
    await onEach((database) => database.up(), 'databases up');
    const ports = [labDatabases.postgres.port, labDatabases.mariadb.port, labDatabases.redis.port];
    log(
      `databases: Postgres, MariaDB, Redis on ${labHosts.nas.address} and 127.0.0.1 (ports ${ports.join(', ')}) in lab-nas`,
    );
  },

  async down() {
    await onEach((database) => database.down(), 'databases down');
    // The NAS's state dir is shared with its other components: remove it only once empty.
    await rmdir(databasesStateDir).catch(() => undefined);
  },

  async status(): Promise<ComponentStatus[]> {
    return Promise.all(nasDatabases.map((database) => database.status()));
  },
};
