// Line icons for the kinds of host, drawn inline so the strict CSP needs no image source.
import type { JSX } from 'react';
import type { HostKind } from '@shared/contract';
import { hostKindLabels } from '../../stores/host-kinds';

const paths = {
  nas: 'M5 3h14v18H5zM8 7h8M8 11h8M8 15h8M15.5 18h.01',
  switch: 'M2 8h20v8H2zM5.5 12h.01M8.5 12h.01M11.5 12h.01M14.5 12h.01M17.5 12h1.5',
  router: 'M3 13h18v6H3zM7 16h.01M10.5 16h.01M8 13L6 6M16 13l2-7',
  'access-point': 'M12 19h.01M8.5 15.5a5 5 0 0 1 7 0M5 12a10 10 0 0 1 14 0M2 8.5a15 15 0 0 1 20 0',
  printer: 'M6 9V3h12v6M6 18H4v-8h16v8h-2M6 14h12v7H6z',
  hypervisor: 'M12 3l9 5l-9 5l-9-5zM3 12l9 5l9-5M3 16l9 5l9-5',
  'linux-server': 'M3 4h18v16H3zM7 9l3 3l-3 3M12 15h5',
  windows: 'M3 5.5l8-1.2V11H3zM13 4l8-1.2V11h-8zM3 13h8v6.7l-8-1.2zM13 13h8v8.2l-8-1.2z',
  database:
    'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3s-3.6 3-8 3s-8-1.3-8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  'docker-host': 'M3 12h18c0 4-3.5 8-9 8s-9-4-9-8zM5 9h3v3H5zM9 9h3v3H9zM13 9h3v3h-3zM9 5h3v3H9z',
  unknown: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17h.01',
} as const satisfies Record<HostKind, string>;

export interface KindIconProps {
  kind: HostKind;
  /** Set when the kind's name is written next to the icon, so it is not read twice. */
  decorative?: boolean;
}

export function KindIcon({ kind, decorative = false }: KindIconProps): JSX.Element {
  const label = hostKindLabels[kind];
  return (
    <svg
      className={`kind-icon kind-icon--${kind}`}
      viewBox="0 0 24 24"
      focusable="false"
      data-kind={kind}
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label })}
    >
      {!decorative && <title>{label}</title>}
      <path d={paths[kind]} />
    </svg>
  );
}
