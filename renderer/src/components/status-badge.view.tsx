// A state shown as a word and a colour, never by colour alone.
import type { JSX } from 'react';

export type BadgeTone = 'ok' | 'warn' | 'danger' | 'info' | 'muted';

export function StatusBadge({ tone, label }: { tone: BadgeTone; label: string }): JSX.Element {
  return <span className={`badge badge--${tone}`}>{label}</span>;
}
