// What a scan learnt about one host: SNMP facts (or why SNMP failed), services with their
// banners, the network facts, and the exporters suggested with their reasons.
import type { JSX } from 'react';
import type { DiscoveredHost, SnmpInfo } from '@shared/contract';
import { StatusBadge } from '../status-badge.view';
import { formatDateTime, formatUptime, livenessLabels, serviceBadge } from './discovery-labels';

function credentialText(snmp: SnmpInfo): string {
  return snmp.version === 'v3'
    ? `v3, user ${snmp.credential}`
    : // The engine already says "community #N" (and the name only when it is "public").
      `${snmp.version}, ${snmp.credential}`;
}

function SnmpFacts({ snmp }: { snmp: SnmpInfo }): JSX.Element {
  const vendor = snmp.vendor;
  return (
    <dl className="facts host-detail__facts" data-testid="host-snmp">
      <dt>Answered</dt>
      <dd>{credentialText(snmp)}</dd>
      <dt>sysDescr</dt>
      <dd className="host-detail__long">{snmp.sysDescr || '—'}</dd>
      <dt>sysObjectID</dt>
      <dd>
        <code>{snmp.sysObjectID || '—'}</code>
      </dd>
      <dt>sysName</dt>
      <dd>{snmp.sysName || '—'}</dd>
      <dt>Location</dt>
      <dd>{snmp.sysLocation || '—'}</dd>
      <dt>Contact</dt>
      <dd>{snmp.sysContact || '—'}</dd>
      <dt>Uptime</dt>
      <dd>{formatUptime(snmp.sysUpTimeSeconds)}</dd>
      {snmp.interfaces && (
        <>
          <dt>Interfaces</dt>
          <dd>
            {snmp.interfaces.count} ({snmp.interfaces.up} up)
          </dd>
        </>
      )}
      {vendor?.model && (
        <>
          <dt>Model</dt>
          <dd>{vendor.model}</dd>
        </>
      )}
      {vendor?.version && (
        <>
          <dt>Version</dt>
          <dd>{vendor.version}</dd>
        </>
      )}
      {vendor?.serial && (
        <>
          <dt>Serial</dt>
          <dd>{vendor.serial}</dd>
        </>
      )}
    </dl>
  );
}

export function HostFacts({ host }: { host: DiscoveredHost }): JSX.Element {
  return (
    <>
      <section className="host-detail__section" aria-labelledby="host-snmp-title">
        <h3 id="host-snmp-title" className="host-detail__heading">
          SNMP
        </h3>
        {host.snmpError && (
          <div className="notice notice--warn" data-testid="host-snmp-error" data-code={host.snmpError.code}>
            <p>
              {host.snmpError.message} <span className="muted">({host.snmpError.code})</span>
            </p>
          </div>
        )}
        {host.snmp ? (
          <SnmpFacts snmp={host.snmp} />
        ) : (
          !host.snmpError && <p className="muted">No SNMP answer with the communities and users given.</p>
        )}
      </section>

      <section className="host-detail__section" aria-labelledby="host-services-title">
        <h3 id="host-services-title" className="host-detail__heading">
          Services
        </h3>
        {host.services.length === 0 ? (
          <p className="muted">No open port among those probed.</p>
        ) : (
          <ul className="host-detail__list" data-testid="host-services">
            {host.services.map((service) => (
              <li key={service.port} data-port={service.port}>
                <span className="tag">{serviceBadge(service)}</span>{' '}
                <span className="muted">port {service.port}</span>
                {service.exporter && (
                  <div>
                    Exporter {service.exporter.name}
                    {service.exporter.version && ` ${service.exporter.version}`}
                  </div>
                )}
                {service.httpTitle && <div>Title: {service.httpTitle}</div>}
                {service.httpServer && <div>Server: {service.httpServer}</div>}
                {service.httpStatus !== undefined && <div>HTTP status {service.httpStatus}</div>}
                {service.banner && (
                  <div>
                    Banner: <code>{service.banner}</code>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="host-detail__section" aria-labelledby="host-network-title">
        <h3 id="host-network-title" className="host-detail__heading">
          Network
        </h3>
        <dl className="facts host-detail__facts">
          <dt>Liveness</dt>
          <dd>
            {livenessLabels[host.liveness]}
            {host.latencyMs !== undefined && ` (${host.latencyMs.toFixed(1)} ms)`}
          </dd>
          <dt>Hostname</dt>
          <dd>{host.hostname ?? '—'}</dd>
          <dt>MAC</dt>
          <dd data-testid="host-mac">
            {host.mac ? <code>{host.mac}</code> : '—'}
            {host.macVendor && ` (${host.macVendor})`}
          </dd>
          <dt>First seen</dt>
          <dd>{formatDateTime(host.firstSeen)}</dd>
          <dt>Last seen</dt>
          <dd>
            {formatDateTime(host.lastSeen)}
            {!host.seenInLastScan && ' — not found by the last scan'}
          </dd>
        </dl>
      </section>

      <section className="host-detail__section" aria-labelledby="host-suggestions-title">
        <h3 id="host-suggestions-title" className="host-detail__heading">
          Suggested exporters
        </h3>
        {host.suggestions.length === 0 ? (
          <p className="muted">Nothing to suggest from what the scan found.</p>
        ) : (
          <ul className="host-detail__list" data-testid="host-suggestions">
            {host.suggestions.map((suggestion) => (
              <li
                key={`${suggestion.exporter}-${suggestion.target ?? ''}`}
                data-exporter={suggestion.exporter}
                data-present={suggestion.present}
              >
                <strong>{suggestion.exporter}</strong>{' '}
                {suggestion.present && <StatusBadge tone="ok" label="Running" />}
                {suggestion.target && <span className="muted"> {suggestion.target}</span>}
                <div className="muted">{suggestion.reason}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
