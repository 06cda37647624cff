// The lab's components in start order; `lab down` stops them in reverse.
import type { LabComponent } from '../core/component';
import { network } from './network';

export const labComponents: readonly LabComponent[] = [network];
