import { describe, expect, it } from 'vitest';
import { DeployJournal, describeRollback } from './deploy-journal';

describe('DeployJournal', () => {
  it('undoes newest first, tries every undo and reports what failed', async () => {
    const journal = new DeployJournal();
    const ran: string[] = [];
    const step = (name: string, fail = false): { restores: string; run: () => Promise<void> } => ({
      restores: `undid ${name}`,
      run: async () => {
        ran.push(name);
        if (fail) throw new Error(`${name} broke`);
      },
    });
    journal.record('a', step('a'));
    journal.record('b', step('b', true));
    journal.record('c', step('c'));
    expect(journal.completed).toEqual(['a', 'b', 'c']);
    const report = await journal.rollback();
    expect(ran).toEqual(['c', 'b', 'a']);
    expect(report).toEqual({
      restored: ['undid c', 'undid a'],
      failed: [{ restores: 'undid b', error: 'b broke' }],
    });
    expect(describeRollback(report)).toBe(
      'Rolled back: undid c; undid a. Could NOT undo: undid b (b broke). Check the host.',
    );
    expect(journal.completed).toEqual([]);
  });

  it('says so when nothing had changed, and undoes nothing after clear()', async () => {
    const journal = new DeployJournal();
    journal.record('a', { restores: 'x', run: () => Promise.reject(new Error('must not run')) });
    journal.clear();
    const report = await journal.rollback();
    expect(describeRollback(report)).toBe('Nothing had been changed on the host.');
  });
});
