import { describe, expect, it } from 'vitest';
import { autoStepSeconds, historyLimit, instantRows, matrixColumns, pushHistory } from './promql-results';

describe('PromQL results', () => {
  it('picks about 250 points per range, at least one second apart', () => {
    expect(autoStepSeconds(3600)).toBe(14);
    expect(autoStepSeconds(60)).toBe(1);
  });

  it('keeps recent queries newest first, once each, bounded', () => {
    let history: string[] = [];
    history = pushHistory(history, 'up');
    history = pushHistory(history, ' rate(x[5m]) ');
    history = pushHistory(history, 'up');
    expect(history).toEqual(['up', 'rate(x[5m])']);
    for (let index = 0; index < 40; index++) history = pushHistory(history, `q${index}`);
    expect(history).toHaveLength(historyLimit);
    expect(pushHistory(['a'], '  ')).toEqual(['a']);
  });

  it('shows a vector as series and value rows, scalars and strings as one row', () => {
    expect(
      instantRows({
        resultType: 'vector',
        result: [{ metric: { __name__: 'up', job: 'node' }, value: [1, 1] }],
      }),
    ).toEqual([{ series: 'up{job="node"}', value: '1' }]);
    expect(instantRows({ resultType: 'scalar', result: [1, '+Inf'] })).toEqual([
      { series: 'scalar', value: '+Inf' },
    ]);
    expect(instantRows({ resultType: 'vector', result: [{ metric: {}, value: [1, 2] }] })[0]?.series).toBe(
      '{}',
    );
  });

  it('aligns a matrix on the union of its timestamps, with gaps', () => {
    const columns = matrixColumns({
      resultType: 'matrix',
      result: [
        {
          metric: { instance: 'a' },
          values: [
            [10, 1],
            [20, 2],
          ],
        },
        {
          metric: { instance: 'b' },
          values: [
            [20, 'NaN'],
            [30, 3],
          ],
        },
      ],
    });
    expect(columns.times).toEqual([10, 20, 30]);
    expect(columns.labels).toEqual(['{instance="a"}', '{instance="b"}']);
    expect(columns.series).toEqual([
      [1, 2, null],
      [null, null, 3],
    ]);
  });
});
