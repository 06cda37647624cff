import { describe, expect, it } from 'vitest';
import { family, parseFailure, text } from './exposition-test-helpers';

describe('text format: metadata lines', () => {
  it('reads HELP and TYPE for a family, in either order', () => {
    const parsed = text(
      '# HELP a_total Requests served.\n# TYPE a_total counter\na_total 3\n# TYPE b gauge\n# HELP b Temp.\nb 1\n',
    );
    expect(parsed.families.map(({ name, type, help }) => ({ name, type, help }))).toEqual([
      { name: 'a_total', type: 'counter', help: 'Requests served.' },
      { name: 'b', type: 'gauge', help: 'Temp.' },
    ]);
  });

  it('unescapes only \\\\ and \\n in HELP; other backslashes and quotes stay', () => {
    expect(family(text('# HELP a x\\\\y\\nz \\"q\\" \\t\n'), 'a').help).toBe('x\\y\nz \\"q\\" \\t');
  });

  it('takes everything after the blank that follows the name as the help text, and an empty one', () => {
    expect(family(text('# HELP a  two spaces \n'), 'a').help).toBe(' two spaces ');
    expect(family(text('# HELP a\n'), 'a').help).toBe('');
    expect(family(text('#\tHELP\ta\ttabbed\n'), 'a').help).toBe('tabbed');
  });

  it.each(['counter', 'gauge', 'histogram', 'summary', 'untyped'])('accepts the type %s', (type) => {
    expect(text(`# TYPE a ${type}\n`).families[0]?.type).toBe(type);
  });

  it.each([
    [
      '# TYPE a info\n',
      'line 1 col 10: unknown metric type "info": expected counter, gauge, histogram, summary or untyped',
    ],
    ['# TYPE a unknown\n', 'line 1 col 10: unknown metric type "unknown"'],
    ['# TYPE a Counter\n', 'unknown metric type "Counter"'],
    ['# TYPE a counter \n', 'unknown metric type "counter "'],
    ['# TYPE a\n', 'line 1 col 9: unknown metric type none'],
    ['# TYPE 0a counter\n', 'line 1 col 8: expected a metric name after TYPE, got "0a"'],
    ['# HELP\ta-b x\n', 'line 1 col 9: expected a blank after the metric name "a", got "-b"'],
  ])('refuses %j', (input, message) => {
    expect(parseFailure(() => text(input))).toContain(message);
  });

  it('ignores other comments, "#HELP" without a blank, and comments of any content', () => {
    const parsed = text('# just a comment\n#HELP a nope\n# TYPEX a counter\n#\n   # indented comment\na 1\n');
    expect(parsed.families).toEqual([
      { name: 'a', type: 'untyped', help: '', unit: '', samples: [{ name: 'a', labels: {}, value: 1 }] },
    ]);
  });

  it('tolerates a second HELP or TYPE line, as Prometheus does (the later one wins until samples arrive)', () => {
    const parsed = text('# HELP a one\n# HELP a two\n# TYPE a gauge\n# TYPE a counter\na 1\n');
    expect(parsed.families).toHaveLength(1);
    expect(family(parsed, 'a')).toMatchObject({ help: 'two', type: 'counter' });
  });

  it('starts a new family of the same name when a different TYPE comes after samples', () => {
    const parsed = text('# TYPE a gauge\na 1\n# TYPE a counter\na 2\n');
    expect(parsed.families.map(({ name, type, samples }) => [name, type, samples.length])).toEqual([
      ['a', 'gauge', 1],
      ['a', 'counter', 1],
    ]);
  });
});

describe('text format: samples and grouping', () => {
  it('reads names, labels, values and timestamps with blanks anywhere between tokens', () => {
    const parsed = text('  metric_name:sub { a = "1" ,\tb="two" }  2.5   1000  \n');
    expect(parsed.families[0]?.samples[0]).toEqual({
      name: 'metric_name:sub',
      labels: { a: '1', b: 'two' },
      value: 2.5,
      timestamp: 1000,
    });
  });

  it('accepts a trailing comma, an empty label set, no blank after the braces and a missing final newline', () => {
    expect(text('a{b="c",} 1\n').families[0]?.samples[0]?.labels).toEqual({ b: 'c' });
    expect(text('a{} 1\n').families[0]?.samples[0]?.labels).toEqual({});
    expect(text('a{b="c"}1\n').families[0]?.samples[0]?.value).toBe(1);
    expect(text('a 1').seriesCount).toBe(1);
  });

  it('reads labels without a comma between them, as Prometheus does', () => {
    expect(text('a { b = "1" c = "2" } 1\n').families[0]?.samples[0]?.labels).toEqual({ b: '1', c: '2' });
    expect(text('a{b="1"c="2"} 1\n').families[0]?.samples[0]?.labels).toEqual({ b: '1', c: '2' });
  });

  it('ignores blank lines and lines of blanks', () => {
    expect(text('\n\na 1\n \t \n\nb 2\n').seriesCount).toBe(2);
  });

  it('groups histogram and summary samples by suffix under their TYPE name', () => {
    const parsed = text(
      '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3\nh_count 2\n# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 2\ns_count 3\n',
    );
    expect(
      parsed.families.map((each) => [each.name, each.type, each.samples.map((sample) => sample.name)]),
    ).toEqual([
      ['h', 'histogram', ['h_bucket', 'h_bucket', 'h_sum', 'h_count']],
      ['s', 'summary', ['s', 's_sum', 's_count']],
    ]);
  });

  it('starts a new untyped family for a sample that is not of the current family', () => {
    const parsed = text('# TYPE a counter\na 1\nb 2\na_bucket 3\n# TYPE h histogram\nh 4\n');
    expect(parsed.families.map((each) => [each.name, each.type])).toEqual([
      ['a', 'counter'],
      ['b', 'untyped'],
      ['a_bucket', 'untyped'],
      ['h', 'histogram'],
      ['h', 'untyped'],
    ]);
  });

  it('puts a sample back into its earlier family when the family is interrupted (Prometheus tolerates it)', () => {
    const parsed = text('# TYPE a gauge\na{x="1"} 1\n# TYPE b gauge\nb 1\na{x="2"} 2\n');
    expect(parsed.families.map((each) => [each.name, each.samples.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(parsed.seriesCount).toBe(3);
  });

  it('keeps label values as written apart from \\\\, \\" and \\n, and UTF-8 as is', () => {
    const labels = text('a{x="a\\\\b",y="q\\"",z="l\\n",w="\\t\\z",u="ünï 💡",v="# {}"} 1\n').families[0]
      ?.samples[0]?.labels;
    expect(labels).toEqual({ x: 'a\\b', y: 'q"', z: 'l\n', w: '\\t\\z', u: 'ünï 💡', v: '# {}' });
  });

  it('keeps a label named __proto__ as a label, not as the object prototype', () => {
    const samples = text('a{__proto__="x",b="1"} 1\na{__proto__="y",b="2"} 2\n').families[0]?.samples;
    expect(samples?.map((sample) => Object.entries(sample.labels))).toEqual([
      [
        ['__proto__', 'x'],
        ['b', '1'],
      ],
      [
        ['__proto__', 'y'],
        ['b', '2'],
      ],
    ]);
    expect(Object.getPrototypeOf(samples?.[0]?.labels)).toBe(Object.prototype);
  });

  it('reads Prometheus 3 quoted UTF-8 names', () => {
    const parsed = text('# TYPE "my.metric" gauge\n{"my.metric","label.x"="v",y="w"} 1\n');
    expect(parsed.families[0]).toMatchObject({ name: 'my.metric', type: 'gauge' });
    expect(parsed.families[0]?.samples[0]).toEqual({
      name: 'my.metric',
      labels: { 'label.x': 'v', y: 'w' },
      value: 1,
    });
  });

  it.each([
    ['0a 1\n', 'line 1 col 1: expected a metric name, a comment or a blank line, got "0a"'],
    ['a-b 1\n', 'line 1 col 2: expected a number as value, got "-b"'],
    ['a\n', 'line 1 col 2: expected a value after the metric name'],
    ['a{b="c"}\n', 'line 1 col 9: expected a value after the metric name'],
    ['a{b} 1\n', 'line 1 col 4: expected \'=\' after label name "b", got "}"'],
    ['a{b=c} 1\n', 'line 1 col 5: expected \'"\' to open the value of label "b", got "c"'],
    ["a{b='c'} 1\n", `line 1 col 5: expected '"' to open the value of label "b", got "'"`],
    ['a{b="c} 1\n', 'line 1 col 5: the value of label "b" has no closing \'"\''],
    ['a{b="c" d} 1\n', 'line 1 col 10: expected \'=\' after label name "d", got "}"'],
    ['a{,} 1\n', 'line 1 col 3: expected a label name, got ","'],
    ['a{b="c",,d="e"} 1\n', 'line 1 col 9: expected a label name, got ","'],
    ['a{1="c"} 1\n', 'line 1 col 3: expected a label name, got "1'],
    ['a{b:c="d"} 1\n', 'line 1 col 4: expected \'=\' after label name "b", got ":'],
    ['a{b="c",b="d"} 1\n', 'line 1 col 9: label "b" appears twice'],
    ['a{__name__="b"} 1\n', 'line 1 col 3: label name "__name__" is reserved for the metric name'],
    ['{a="b"} 1\n', 'line 1 col 1: expected a metric name before the labels'],
    ['a 1 2 3\n', 'line 1 col 7: expected the end of the line after the timestamp, got "3"'],
    ['a 1 # {x="y"} 1\n', 'line 1 col 5: expected an integer as timestamp (milliseconds), got "#"'],
    ['a 1\r\n', 'line 1 col 3: expected a number as value, got "1\\r"'],
  ])('refuses %j: %s', (input, message) => {
    expect(parseFailure(() => text(input))).toContain(message);
  });

  it('counts lines from 1 and columns in characters, not bytes', () => {
    expect(parseFailure(() => text('a 1\n# HELP b x\nb{ü="1"} 1\n'))).toMatch(
      /^line 3 col 3: expected a label name, got "ü/,
    );
    expect(parseFailure(() => text('a{x="💡💡"} 1 z\n'))).toMatch(/^line 1 col 13: /);
  });
});
