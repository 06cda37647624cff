// The exporter catalog as a list of cards; choosing one shows its artefacts below.
import type { JSX } from 'react';
import type { CatalogEntry } from '@shared/contract';
import { styleLabels } from '../../stores/exporters.reducer';

export interface ExporterListProps {
  exporters: readonly CatalogEntry[];
  selectedId?: string;
  onSelect(id: string): void;
}

export function ExporterList({ exporters, selectedId, onSelect }: ExporterListProps): JSX.Element {
  return (
    <ul className="exporter-list" aria-label="Exporters">
      {exporters.map((entry) => (
        <li key={entry.id}>
          <ExporterCard entry={entry} selected={entry.id === selectedId} onSelect={onSelect} />
        </li>
      ))}
    </ul>
  );
}

function ExporterCard({
  entry,
  selected,
  onSelect,
}: {
  entry: CatalogEntry;
  selected: boolean;
  onSelect(id: string): void;
}): JSX.Element {
  return (
    <button
      type="button"
      className={selected ? 'exporter-card exporter-card--selected' : 'exporter-card'}
      aria-pressed={selected}
      data-testid={`exporter-${entry.id}`}
      onClick={() => onSelect(entry.id)}
    >
      <span className="exporter-card__head">
        <span className="exporter-card__name">{entry.name}</span>
        <span className="pill pill--muted">v{entry.version}</span>
      </span>
      <span className="exporter-card__summary">{entry.summary}</span>
      <span className="exporter-card__facts">
        <span>
          Port <code>{entry.defaultPort}</code>
        </span>
        <span className="exporter-card__image">
          <code>{entry.image}</code>
        </span>
      </span>
      <span className="exporter-card__styles" aria-label="Install styles">
        {entry.installStyles.map((style) => (
          <span key={style} className="badge badge--info">
            {styleLabels[style]}
          </span>
        ))}
      </span>
      {entry.proofMetrics.length > 0 && (
        <span className="exporter-card__metrics">
          <span className="muted">Proves it works with </span>
          {entry.proofMetrics.map((metric) => (
            <code key={metric}>{metric}</code>
          ))}
        </span>
      )}
    </button>
  );
}
