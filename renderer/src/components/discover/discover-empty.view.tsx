// Before any scan: what a scan does and exactly what it sends, so nobody is surprised.
import type { JSX } from 'react';

export function DiscoverEmpty({ packetsPerSecond }: { packetsPerSecond: number | undefined }): JSX.Element {
  return (
    <section
      className="card card--empty discover-empty"
      data-testid="discover-empty"
      aria-labelledby="discover-empty-title"
    >
      <h2 id="discover-empty-title" className="card__title">
        No hosts yet
      </h2>
      <p className="card--empty__text">
        A scan finds the devices in the targets, works out what each one is, and suggests the exporters that
        would monitor it. It changes nothing on any device. To every address in the targets it sends:
      </p>
      <ul className="discover-empty__list">
        <li>
          <strong>ICMP echo</strong> (ping) to see which hosts are up; where ICMP is not permitted, TCP
          connects instead, and those hosts show as &ldquo;up (tcp)&rdquo;.
        </li>
        <li>
          <strong>SNMP get requests</strong> for the system facts (description, object id, name, location,
          uptime, interfaces), with the communities and the v3 user in Options.
        </li>
        <li>
          <strong>TCP connects</strong> to a listed set of ports (SSH, HTTP, Docker, databases, Prometheus and
          exporters, or your own list) on the hosts that answer, reading banners, page titles and /metrics.
        </li>
      </ul>
      <p className="muted">
        {packetsPerSecond === undefined
          ? 'At most the packets per second set in Settings or Options.'
          : `At most ${packetsPerSecond} packets per second (from Settings; change it in Options for one scan).`}{' '}
        What is found is saved in the app's data folder.
      </p>
    </section>
  );
}
