// Refuses to run the integration suite outside the lab's workstation namespace.
import { runningInLabWorkstation } from './fixtures/in-lab';

export default function setup(): void {
  if (!runningInLabWorkstation()) {
    throw new Error(
      'The integration suite runs inside the lab: `./test/lab/lab up`, then `ip netns exec lab-ws npx vitest run --project integration` (npm test does both as root).',
    );
  }
}
