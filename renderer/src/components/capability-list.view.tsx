// What this machine can do for Promstead (ICMP, fping/ping, Docker, SSH agent), each with
// a status and the line that says what was found or what to do.
import type { JSX } from 'react';
import type { Capabilities, CapabilityName } from '@shared/contract';
import { checkBadges } from './check-status';
import { StatusBadge } from './status-badge.view';

const capabilityLabels = {
  icmp: 'ICMP (ping sweep)',
  fping: 'fping',
  ping: 'ping',
  docker: 'Docker',
  sshAgent: 'SSH agent',
} as const satisfies Record<CapabilityName, string>;

const capabilityOrder = Object.keys(capabilityLabels) as CapabilityName[];

export function CapabilityList({ capabilities }: { capabilities: Capabilities }): JSX.Element {
  return (
    <section className="card" aria-labelledby="about-capabilities-title">
      <h2 id="about-capabilities-title" className="card__title">
        Capabilities
      </h2>
      <ul className="check-list">
        {capabilityOrder.map((name) => {
          const capability = capabilities[name];
          const badge = checkBadges[capability.status];
          return (
            <li
              key={name}
              className="check-list__item"
              data-testid={`capability-${name}`}
              data-status={capability.status}
            >
              <span className="check-list__name">{capabilityLabels[name]}</span>
              <StatusBadge tone={badge.tone} label={badge.label} />
              <span className="check-list__detail">{capability.detail}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
