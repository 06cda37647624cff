import { describe, expect, it } from 'vitest';
import { ExclusiveLane } from './exclusive-lane';
import { JobRunner } from '../jobs';

/** A promise and the function that settles it, to hold a job's work open. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('ExclusiveLane', () => {
  it('runs a second job only after the first one finished, and says it is waiting', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const lane = new ExclusiveLane();
    const order: string[] = [];
    const first = gate();
    const logs: string[] = [];
    runner.onEvent((event) => {
      if (event.type === 'log') logs.push(event.message);
    });
    const a = runner.start('deploy.apply', (job) =>
      lane.run('the deploy to nas', job, async () => {
        order.push('a starts');
        await first.opened;
        order.push('a ends');
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const b = runner.start('deploy.apply', (job) =>
      lane.run('the deploy to homeserver', job, async () => {
        order.push('b starts');
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a starts']);
    first.open();
    await runner.wait(a);
    await runner.wait(b);
    expect(order).toEqual(['a starts', 'a ends', 'b starts']);
    expect(logs).toContain('Waiting for the deploy to nas to finish.');
  });

  it('lets a waiting job be cancelled without running it, and the next one still waits its turn', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const lane = new ExclusiveLane();
    const first = gate();
    const ran: string[] = [];
    const a = runner.start('deploy.apply', (job) => lane.run('a', job, () => first.opened));
    await new Promise((resolve) => setImmediate(resolve));
    const b = runner.start('deploy.apply', (job) => lane.run('b', job, async () => void ran.push('b')));
    const c = runner.start('deploy.apply', (job) => lane.run('c', job, async () => void ran.push('c')));
    await new Promise((resolve) => setImmediate(resolve));
    runner.cancel(b);
    expect(await runner.wait(b)).toMatchObject({ type: 'cancelled' });
    expect(ran).toEqual([]);
    first.open();
    expect(await runner.wait(c)).toMatchObject({ type: 'done' });
    await runner.wait(a);
    expect(ran).toEqual(['c']);
  });

  it('keeps going after a job fails', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const lane = new ExclusiveLane();
    const a = runner.start('deploy.apply', (job) =>
      lane.run('a', job, () => Promise.reject(new Error('the host went away'))),
    );
    const b = runner.start('deploy.apply', (job) => lane.run('b', job, async () => 'ran'));
    expect(await runner.wait(a)).toMatchObject({ type: 'failed' });
    expect(await runner.wait(b)).toMatchObject({ type: 'done', result: 'ran' });
  });
});
