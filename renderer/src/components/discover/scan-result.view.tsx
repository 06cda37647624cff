// What the last scan came to, and its notes (ICMP not permitted, SNMP asked of live hosts
// only…), shown prominently because they change how the table should be read.
import type { JSX } from 'react';
import type { ScanResult } from '@shared/contract';
import { formatDuration } from '../format.util';

const livenessMethods = {
  fping: 'fping',
  ping: 'ping',
  tcp: 'TCP connects (ICMP not permitted)',
} as const satisfies Record<ScanResult['livenessMethod'], string>;

export function ScanResultSummary({ result }: { result: ScanResult }): JSX.Element {
  return (
    <div className="scan-result">
      <p className="scan-result__summary" data-testid="discover-summary" role="status">
        Found <strong>{result.hostsFound}</strong> {result.hostsFound === 1 ? 'host' : 'hosts'} among{' '}
        {result.addressesScanned} {result.addressesScanned === 1 ? 'address' : 'addresses'} in{' '}
        {formatDuration(result.durationMs)}; liveness by {livenessMethods[result.livenessMethod]}.
      </p>
      {result.notes.length > 0 && (
        <section
          className="notice notice--warn"
          aria-labelledby="scan-notes-title"
          data-testid="discover-notes"
        >
          <h2 id="scan-notes-title" className="notice__title">
            About this scan
          </h2>
          <ul className="notice__list">
            {result.notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
