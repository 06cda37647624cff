import { describe, expect, it } from 'vitest';
import { sleep } from './sleep';
import { TaskPool } from './task-pool';

describe('TaskPool', () => {
  it('never runs more than its limit at once, and drains tasks that tasks added', async () => {
    const pool = new TaskPool(3);
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const task = (name: string, then?: () => void) => async (): Promise<void> => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(2);
      running -= 1;
      done.push(name);
      then?.();
    };
    for (let index = 0; index < 8; index++) pool.add(task(`first ${index}`));
    pool.add(task('parent', () => pool.add(task('child'))));
    await pool.drain();
    expect(peak).toBe(3);
    expect(done).toHaveLength(10);
    expect(done.at(-1)).toBe('child');
  });

  it('runs every task even after one failed, then drain rejects with the first failure', async () => {
    const pool = new TaskPool(1);
    const first = new Error('first');
    const ran: number[] = [];
    pool.add(() => Promise.reject(first));
    pool.add(() => Promise.reject(new Error('second')));
    pool.add(async () => void ran.push(3));
    await expect(pool.drain()).rejects.toBe(first);
    expect(ran).toEqual([3]);
  });

  it('drains at once when nothing was added', async () => {
    await new TaskPool(4).drain();
  });
});
