import { describe, expect, it } from 'vitest';
import { processGone } from './process-state.fixture';
import { spawnLines } from './spawn-lines';

const node = process.execPath;
const never = new AbortController().signal;

describe('spawnLines', () => {
  it('hands over whole lines, across chunk boundaries, CRs trimmed, the last one without a newline too', async () => {
    const lines: string[] = [];
    const script = `process.stdout.write('ab'); setTimeout(() => process.stdout.write('c\\r\\nsecond\\n\\nlast'), 50);`;
    const result = await spawnLines(node, ['-e', script], {
      signal: never,
      timeoutMs: 10_000,
      onLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['abc', 'second', '', 'last']);
    expect(result).toEqual({ code: 0, stderr: '', timedOut: false });
  });
  it('passes stdin and an argument list verbatim, with no shell in between', async () => {
    const lines: string[] = [];
    const script = `let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', () => console.log(JSON.stringify([s, process.argv.slice(1)])));`;
    await spawnLines(node, ['-e', script, '$(id)', '; rm -rf /', '`x`'], {
      signal: never,
      timeoutMs: 10_000,
      stdin: 'a\nb\n',
      onLine: (line) => lines.push(line),
    });
    expect(JSON.parse(lines[0] ?? '')).toEqual(['a\nb\n', ['$(id)', '; rm -rf /', '`x`']]);
  });
  it('keeps a bounded stderr and the exit code', async () => {
    const script = `process.stderr.write('x'.repeat(100000)); process.exit(3);`;
    const result = await spawnLines(node, ['-e', script], {
      signal: never,
      timeoutMs: 10_000,
      onLine: () => undefined,
      maxStderrBytes: 1000,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toHaveLength(1000);
  });
  it('kills a child that runs past its time', async () => {
    const result = await spawnLines(node, ['-e', 'setTimeout(() => {}, 60000)'], {
      signal: never,
      timeoutMs: 200,
      onLine: () => undefined,
    });
    expect(result.timedOut).toBe(true);
  });
  it('kills the child when the line callback throws, and rejects with that error', async () => {
    const error = new Error('bad line');
    const run = spawnLines(node, ['-e', 'console.log("x"); setTimeout(() => {}, 60000)'], {
      signal: never,
      timeoutMs: 30_000,
      onLine: () => {
        throw error;
      },
    });
    await expect(run).rejects.toBe(error);
  });
  it('rejects for a program that does not exist', async () => {
    await expect(
      spawnLines('/nonexistent/fping', [], { signal: never, timeoutMs: 1000, onLine: () => undefined }),
    ).rejects.toThrow(/ENOENT/);
  });
  it('on abort kills by pid and settles after the child has exited', async () => {
    const controller = new AbortController();
    let pid = 0;
    const run = spawnLines(node, ['-e', 'console.log(process.pid); setTimeout(() => {}, 60000)'], {
      signal: controller.signal,
      timeoutMs: 60_000,
      onLine: (line) => {
        pid = Number(line);
        controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(pid).toBeGreaterThan(0);
    expect(processGone(pid)).toBe(true);
  });
  it('does not start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(
      spawnLines(node, ['-e', ''], { signal: controller.signal, timeoutMs: 1000, onLine: () => undefined }),
    ).rejects.toThrow('already');
  });
});
