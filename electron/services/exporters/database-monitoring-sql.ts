// The least-privilege monitoring accounts the database exporters need, as SQL the user
// runs once as an administrator. No password is ever rendered: the account is created
// without one (locked, on MySQL) and the password is set interactively afterwards.
import { compareVersions } from './database-params';

/** A PostgreSQL identifier, double-quoted with embedded quotes doubled. */
export function quotePostgresIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** A MySQL/MariaDB string literal (account names are literals), quotes and backslashes escaped. */
export function quoteMysqlString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** pg_monitor (PostgreSQL 10+) grants read access to every statistics view, nothing more. */
export function postgresMonitoringUserSql(user: string, database: string): string {
  const role = quotePostgresIdentifier(user);
  return [
    `-- Monitoring role for postgres_exporter (rendered by Promstead). Run as a superuser.`,
    `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 3;`,
    `GRANT pg_monitor TO ${role};`,
    `GRANT CONNECT ON DATABASE ${quotePostgresIdentifier(database)} TO ${role};`,
    `ALTER ROLE ${role} SET search_path = pg_catalog, public;`,
    `-- Then set its password from psql, which prompts for it and keeps it out of history:`,
    `--   \\password ${role}`,
    '',
  ].join('\n');
}

export interface MysqlServer {
  flavour: 'mysql' | 'mariadb';
  /** Server version, e.g. 8.0.36 or 10.11.6. */
  version: string;
}

/**
 * PROCESS, REPLICATION CLIENT and SELECT, per mysqld_exporter's README. MariaDB 10.5.9
 * moved SHOW REPLICA STATUS to its own SLAVE MONITOR privilege.
 */
export function mysqlMonitoringUserSql(user: string, clientHost: string, server: MysqlServer): string {
  const account = `${quoteMysqlString(user)}@${quoteMysqlString(clientHost)}`;
  const privileges = ['PROCESS', 'REPLICATION CLIENT', 'SELECT'];
  if (server.flavour === 'mariadb' && compareVersions(server.version, '10.5.9') >= 0) {
    privileges.push('SLAVE MONITOR');
  }
  return [
    `-- Monitoring account for mysqld_exporter (rendered by Promstead). Run as an administrator.`,
    `-- Created locked: an account without a password would accept an empty one.`,
    `CREATE USER IF NOT EXISTS ${account} ACCOUNT LOCK;`,
    `ALTER USER ${account} WITH MAX_USER_CONNECTIONS 3;`,
    `GRANT ${privileges.join(', ')} ON *.* TO ${account};`,
    `-- Then set the password stored in Promstead and unlock it:`,
    `--   ALTER USER ${account} IDENTIFIED BY '<password>' ACCOUNT UNLOCK;`,
    '',
  ].join('\n');
}
