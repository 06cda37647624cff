// Child process for the crash test in json-store.crash.test.ts: saves ever-larger
// values in a tight loop until the test kills it with SIGKILL.
import { z } from 'zod';
import { JsonStore } from './json-store';

export const CrashStateSchema = z.object({
  counter: z.number().int().nonnegative(),
  items: z.array(z.string()),
});
export type CrashState = z.infer<typeof CrashStateSchema>;

export function crashStore(file: string): JsonStore<CrashState> {
  return new JsonStore({
    file,
    schema: CrashStateSchema,
    version: 1,
    defaults: () => ({ counter: 0, items: [] }),
  });
}

/** Large enough (up to ~100 KB) that a kill often lands in the middle of a write. */
export function crashValue(counter: number): CrashState {
  const items = Array.from(
    { length: counter % 3000 },
    (_, index) => `item-${counter}-${index}-padding-padding`,
  );
  return { counter, items };
}

async function main(file: string): Promise<void> {
  const store = crashStore(file);
  const { value } = await store.load();
  for (let counter = value.counter + 1; ; counter += 1) {
    await store.save(crashValue(counter));
    if (counter === value.counter + 1) process.stdout.write('ready\n');
  }
}

const target = process.argv[2];
if (process.argv[1]?.endsWith('crash-writer.fixture.ts') && target) {
  void main(target);
}
