// What each part of the lab provides: bring it up (idempotent), take it down (also
// after a failed or partial up), and say how it is.
export type ComponentState = 'up' | 'down' | 'degraded';

export interface ComponentStatus {
  name: string;
  state: ComponentState;
  detail: string;
}

export interface LabLog {
  (message: string): void;
}

export interface LabComponent {
  name: string;
  up(log: LabLog): Promise<void>;
  down(log: LabLog): Promise<void>;
  status(): Promise<ComponentStatus[]>;
}
