// net-snmp sessions as promises that can be cut short. A closed net-snmp session does
// not always call back (a request still queued for send is dropped silently), so each
// wrapper rejects its own pending calls on close rather than wait for the library.
import { isIPv6 } from 'node:net';
import snmp from 'net-snmp';
import { PromsteadError } from '@shared/contract';
import type { CommunityVersion } from './snmp-types';

export interface SessionTarget {
  address: string;
  port: number;
  timeoutMs: number;
  retries: number;
}

function cancelled(): PromsteadError {
  return new PromsteadError('CANCELLED', 'The SNMP query was cancelled.');
}

export class SnmpSession {
  private readonly pending = new Set<(error: Error) => void>();
  private closed = false;

  constructor(private readonly session: snmp.Session) {
    // A malformed datagram makes net-snmp emit 'error'; unheard, that would crash the
    // process. The request it belonged to still ends, by timeout.
    session.on('error', () => undefined);
  }

  get(oids: readonly string[]): Promise<snmp.Varbind[]> {
    return this.track((resolve, reject) => {
      this.session.get([...oids], (error, varbinds) => (error ? reject(error) : resolve(varbinds ?? [])));
    });
  }

  /** The rows under `oid`, at most `maxRows` (GETBULK pages for v2c/v3, GETNEXT for v1). */
  subtree(oid: string, maxRows: number, maxRepetitions: number): Promise<snmp.Varbind[]> {
    return this.track((resolve, reject) => {
      const rows: snmp.Varbind[] = [];
      this.session.subtree(
        oid,
        maxRepetitions,
        (varbinds) => {
          rows.push(...varbinds);
          // Returning true stops the walk: a bound on packets for agents with huge tables.
          return rows.length >= maxRows;
        },
        (error) => (error ? reject(error) : resolve(rows.slice(0, maxRows))),
      );
    });
  }

  /**
   * For v3: whether the agent answered engine discovery. net-snmp keeps what the
   * discovery report said on the session; that field is internal, so its absence
   * (a future version) only makes the wrong-privacy-key diagnosis fall back to a timeout.
   */
  engineAnswered(): boolean {
    const internals = this.session as unknown as { msgSecurityParameters?: unknown };
    return internals.msgSecurityParameters !== undefined && internals.msgSecurityParameters !== null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const rejects = [...this.pending];
    this.pending.clear();
    for (const reject of rejects) reject(cancelled());
    try {
      this.session.close();
    } catch {
      // Already closed by net-snmp after a socket error: nothing left to release.
    }
  }

  private track<T>(
    start: (resolve: (value: T) => void, reject: (error: unknown) => void) => void,
  ): Promise<T> {
    if (this.closed) return Promise.reject(cancelled());
    return new Promise<T>((resolve, reject) => {
      const fail = (error: unknown): void => {
        this.pending.delete(fail);
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      this.pending.add(fail);
      try {
        start((value) => {
          this.pending.delete(fail);
          resolve(value);
        }, fail);
      } catch (error) {
        fail(error);
      }
    });
  }
}

/** Every session of one query, so that cancelling closes all of them at once. */
export class SnmpSessionGroup {
  private readonly sessions = new Set<SnmpSession>();
  private closed = false;

  constructor(private readonly target: SessionTarget) {}

  openCommunity(community: string, version: CommunityVersion): SnmpSession {
    return this.add(() =>
      snmp.createSession(this.target.address, community, {
        ...this.baseOptions(),
        version: version === 'v1' ? snmp.Version1 : snmp.Version2c,
      }),
    );
  }

  openV3(user: snmp.User): SnmpSession {
    return this.add(() => snmp.createV3Session(this.target.address, user, this.baseOptions()));
  }

  /** Closes every session, or every one but the winner's. */
  close(keep?: SnmpSession): void {
    if (!keep) this.closed = true;
    for (const session of this.sessions) {
      if (session === keep) continue;
      session.close();
      this.sessions.delete(session);
    }
  }

  private add(create: () => snmp.Session): SnmpSession {
    if (this.closed) throw cancelled();
    const session = new SnmpSession(create());
    this.sessions.add(session);
    return session;
  }

  private baseOptions(): {
    port: number;
    timeout: number;
    retries: number;
    transport: 'udp4' | 'udp6';
    backoff: number;
  } {
    return {
      port: this.target.port,
      timeout: this.target.timeoutMs,
      retries: this.target.retries,
      transport: isIPv6(this.target.address) ? 'udp6' : 'udp4',
      backoff: 1,
    };
  }
}
