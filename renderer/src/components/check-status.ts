// How a capability or self-test status reads on screen.
import type { Capability } from '@shared/contract';
import type { BadgeTone } from './status-badge.view';

export const checkBadges = {
  ok: { tone: 'ok', label: 'OK' },
  warn: { tone: 'warn', label: 'Warning' },
  missing: { tone: 'danger', label: 'Missing' },
} as const satisfies Record<Capability['status'], { tone: BadgeTone; label: string }>;
