import { describe, expect, it } from 'vitest';
import { family, om, parseFailure } from './exposition-test-helpers';

describe('OpenMetrics: structure', () => {
  it('reads metadata and samples, naming a counter family without _total', () => {
    const parsed = om(
      '# TYPE req counter\n# HELP req Requests.\nreq_total{code="200"} 7\nreq_created{code="200"} 1700000000.5\n# TYPE temp_celsius gauge\n# UNIT temp_celsius celsius\ntemp_celsius 21.5\n# EOF\n',
    );
    expect(parsed.format).toBe('openmetrics');
    expect(parsed.families.map(({ name, type, help, unit }) => ({ name, type, help, unit }))).toEqual([
      { name: 'req', type: 'counter', help: 'Requests.', unit: '' },
      { name: 'temp_celsius', type: 'gauge', help: '', unit: 'celsius' },
    ]);
    expect(family(parsed, 'req').samples.map((sample) => sample.name)).toEqual(['req_total', 'req_created']);
    expect(parsed.seriesCount).toBe(3);
  });

  it('accepts # EOF without a final newline, and an empty exposition that is only # EOF', () => {
    expect(om('a 1\n# EOF').seriesCount).toBe(1);
    expect(om('# EOF\n').families).toEqual([]);
  });

  it.each([
    ['', 'does not end with "# EOF"'],
    ['a 1\n', 'line 1 col 1: the exposition does not end with "# EOF"'],
    ['a 1\n# EOF\nb 1\n', 'line 3 col 1: nothing may follow "# EOF"'],
    ['a 1\n# EOF\n\n', 'line 3 col 1: nothing may follow "# EOF"'],
    ['a 1\n# EOFx\n', 'line 2 col 1: expected "# HELP", "# TYPE", "# UNIT" or "# EOF"'],
    ['a 1\n# EOF \n', 'line 2 col 1: expected "# HELP"'],
    ['a 1\n\n# EOF\n', 'line 2 col 1: blank lines are not allowed in OpenMetrics'],
    [
      '# a comment\na 1\n# EOF\n',
      'line 1 col 1: expected "# HELP", "# TYPE", "# UNIT" or "# EOF": OpenMetrics allows no other comments',
    ],
    ['#HELP a x\n# EOF\n', 'line 1 col 1: expected "# HELP"'],
    [' # HELP a x\n# EOF\n', 'line 1 col 1: expected a metric name or "# HELP"'],
    ['a 1\r\n# EOF\n', 'line 1 col 4: carriage return at the end of the line'],
  ])('refuses %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });

  it('reads HELP with \\\\, \\n and \\" unescaped, other backslashes kept, and an empty help after the space', () => {
    expect(family(om('# HELP a x\\\\y\\nz \\"q\\" \\t "raw"\n# EOF\n'), 'a').help).toBe(
      'x\\y\nz "q" \\t "raw"',
    );
    expect(family(om('# HELP a \n# EOF\n'), 'a').help).toBe('');
  });

  it.each([
    ['# HELP\n# EOF\n', 'line 1 col 1: expected "# HELP"'],
    ['# HELP \n# EOF\n', 'line 1 col 8: expected a metric name after HELP'],
    ['# HELP a\n# EOF\n', 'line 1 col 9: expected one space after "a", then the help text'],
    ['# HELP a\tx\n# EOF\n', 'line 1 col 9: expected one space after "a"'],
    ['# TYPE a\n# EOF\n', 'line 1 col 9: expected one space after "a", then the type'],
    ['# TYPE a untyped\n# EOF\n', 'line 1 col 10: unknown metric type "untyped"'],
    ['# TYPE a gauge \n# EOF\n', 'line 1 col 10: unknown metric type "gauge "'],
    ['# TYPE a  gauge\n# EOF\n', 'line 1 col 10: unknown metric type " gauge"'],
    ['# UNIT a\n# EOF\n', 'line 1 col 9: expected one space after "a", then the unit'],
    ['# UNIT a seconds\n# EOF\n', 'line 1 col 10: the family name "a" must end with "_seconds", its unit'],
    ['# UNIT a_seconds seconds \n# EOF\n', 'line 1 col 25: a unit is made of letters'],
    ['# TYPE x_u info\n# UNIT x_u u\n# EOF\n', 'line 2 col 12: a info family has no unit'],
    ['# UNIT x_u u\n# TYPE x_u stateset\n# EOF\n', 'line 2 col 12: a stateset family has no unit'],
    ['# FOO a x\n# EOF\n', 'line 1 col 1: expected "# HELP"'],
  ])('refuses the metadata line in %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });

  it.each(['gauge', 'counter', 'histogram', 'gaugehistogram', 'stateset', 'info', 'summary', 'unknown'])(
    'accepts the type %s',
    (type) => {
      expect(om(`# TYPE a ${type}\n# EOF\n`).families[0]?.type).toBe(type);
    },
  );

  it('accepts empty HELP and UNIT and families of metadata only; a bare sample is unknown', () => {
    const parsed = om('# HELP a \n# UNIT a \nb 1\n# EOF\n');
    expect(parsed.families.map(({ name, type }) => [name, type])).toEqual([
      ['a', 'unknown'],
      ['b', 'unknown'],
    ]);
  });

  it.each([
    ['# HELP a x\na 1\n# TYPE a gauge\n# EOF\n', 'line 3 col 1: # TYPE for "a" must come before its samples'],
    ['# TYPE a gauge\na 1\n# HELP a x\n# EOF\n', 'line 3 col 1: # HELP for "a" must come before its samples'],
    ['# TYPE a_s gauge\na_s 1\n# UNIT a_s s\n# EOF\n', '# UNIT for "a_s" must come before its samples'],
    ['# HELP a x\n# HELP a x\n# EOF\n', 'line 2 col 1: a second # HELP line for "a"'],
    ['# TYPE a gauge\n# TYPE a gauge\n# EOF\n', 'a second # TYPE line for "a"'],
    ['# UNIT a_s s\n# UNIT a_s s\n# EOF\n', 'a second # UNIT line for "a_s"'],
    [
      '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n# EOF\n',
      'line 6 col 1: the family "a" clashes with an earlier family',
    ],
    ['# TYPE a info\n# TYPE a counter\n# EOF\n', 'line 2 col 1: a second # TYPE line for "a"'],
    [
      '# TYPE a info\n# TYPE b gauge\n# TYPE a counter\n# EOF\n',
      'clashes with an earlier family over the name "a"',
    ],
    ['# TYPE a_created gauge\n# TYPE a counter\n# EOF\n', 'over the name "a_created"'],
    ['# TYPE a counter\na 1\n# EOF\n', 'the family "a" clashes with an earlier family over the name "a"'],
  ])('keeps families contiguous and metadata first: refuses %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });
});

describe('OpenMetrics: sample lines', () => {
  it('reads labels, escapes, # inside values, empty braces and UTF-8', () => {
    const parsed = om(
      '# TYPE a counter\na_total{} 1\na_total{x="b\\"a\\nr # ",y="\\\\z\\q",u="ünï"} 2\na_total{x="} foo # bar # "} 3\n# EOF\n',
    );
    expect(parsed.families[0]?.samples.map((sample) => sample.labels)).toEqual([
      {},
      { x: 'b"a\nr # ', y: '\\z\\q', u: 'ünï' },
      { x: '} foo # bar # ' },
    ]);
  });

  it('reads Prometheus 3 quoted UTF-8 names', () => {
    const parsed = om('# TYPE "my.gauge" gauge\n{"my.gauge","label.x"="v"} 1\n# EOF\n');
    expect(parsed.families[0]?.samples[0]).toEqual({
      name: 'my.gauge',
      labels: { 'label.x': 'v' },
      value: 1,
    });
  });

  it.each([
    ['a{a=1} 1\n# EOF\n', 'line 1 col 5: expected \'"\' to open the value of label "a", got "1"'],
    ['a{a="1} 1\n# EOF\n', 'line 1 col 5: the value of label "a" has no closing \'"\''],
    ["a{a='1'} 1\n# EOF\n", 'line 1 col 5'],
    ['a{a} 1\n# EOF\n', 'line 1 col 4: expected \'=\' after label name "a", got "}"'],
    ['a{a"v"} 1\n# EOF\n', 'line 1 col 4: expected \'=\' after label name "a"'],
    ['a{a=} 1\n# EOF\n', "line 1 col 5: expected '\"' to open the value"],
    ['a{a="1"b="2"} 1\n# EOF\n', "line 1 col 8: expected ',' or '}' after a label, got \"b\""],
    ['a{a="1",,b="2"} 1\n# EOF\n', 'line 1 col 9: expected a label name, got ","'],
    ['a{a="1",b="2",} 1\n# EOF\n', "line 1 col 14: a trailing ',' before '}' is not allowed in OpenMetrics"],
    ['a{a="1", b="2"} 1\n# EOF\n', 'line 1 col 9: expected a label name, got a space'],
    ['a {a="1"} 1\n# EOF\n', 'line 1 col 3: expected a number as value, got "{a=\\"1\\"}"'],
    ['a{1="1"} 1\n# EOF\n', 'line 1 col 3: expected a label name, got "1"'],
    ['a{a="1",a="1"} 1\n# EOF\n', 'line 1 col 9: label "a" appears twice'],
    ['a{a=" # ",a=" # "} 1\n# EOF\n', 'label "a" appears twice'],
    ['a{a=" # "}1\n# EOF\n', 'line 1 col 11: expected one space, then the value; got "1"'],
    ['0a 1\n# EOF\n', 'line 1 col 1: expected a metric name'],
    ['a.b 1\n# EOF\n', 'line 1 col 2: expected one space, then the value; got ".b"'],
    ['a-b 1\n# EOF\n', 'line 1 col 2: expected one space, then the value; got "-b"'],
    ['a\n# EOF\n', 'line 1 col 2: expected one space, then the value; got the end of the line'],
    ['a \n# EOF\n', 'line 1 col 3: expected a value, got the end of the line'],
    ['a  1\n# EOF\n', 'line 1 col 3: expected a value, got a space'],
    ['a 1\t\n# EOF\n', 'line 1 col 3: expected a number as value, got "1\\t"'],
    [
      'a 1 \n# EOF\n',
      'line 1 col 5: expected a timestamp or an exemplar after the space, got the end of the line',
    ],
    ['a 1 1 \n# EOF\n', 'line 1 col 7: expected " # {" to start an exemplar'],
  ])('refuses %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });
});

describe('OpenMetrics: exemplars', () => {
  it('reads exemplars on counter _total and histogram buckets, with and without timestamps', () => {
    const parsed = om(
      '# TYPE c counter\nc_total 1 1.5 # {trace_id="abc"} 0.5 2.25\n# TYPE h histogram\nh_bucket{le="1"} 0 # {} 0.1\nh_bucket{le="+Inf"} 1 # {a="b # c"} 4\nh_count 1\nh_sum 0.5\n# EOF\n',
    );
    expect(family(parsed, 'c').samples[0]).toEqual({
      name: 'c_total',
      labels: {},
      value: 1,
      timestamp: 1500,
      exemplar: { labels: { trace_id: 'abc' }, value: 0.5, timestamp: 2250 },
    });
    expect(family(parsed, 'h').samples.map((sample) => sample.exemplar)).toEqual([
      { labels: {}, value: 0.1 },
      { labels: { a: 'b # c' }, value: 4 },
      undefined,
      undefined,
    ]);
  });

  it('accepts 128 characters of exemplar labels (counted in characters, not bytes) and refuses 129', () => {
    const value127 = `☃${'x'.repeat(126)}`;
    expect(om(`# TYPE a counter\na_total 1 # {a="${value127}"} 1\n# EOF\n`).seriesCount).toBe(1);
    expect(parseFailure(() => om(`# TYPE a counter\na_total 1 # {a="${value127}x"} 1\n# EOF\n`))).toContain(
      "the exemplar's labels have 129 characters, more than the limit of 128",
    );
  });

  it.each([
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 1 #\n# EOF\n',
      'line 2 col 23: expected " # {" to start an exemplar',
    ],
    ['# TYPE a histogram\na_bucket{le="+Inf"} 1# {} 1\n# EOF\n', 'expected a number as value, got "1#"'],
    ['# TYPE a histogram\na_bucket{le="+Inf"} 1 #{} 1\n# EOF\n', 'expected " # {" to start an exemplar'],
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 1 # {}1\n# EOF\n',
      "expected one space, then the exemplar's value",
    ],
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 1 # {} 1 \n# EOF\n',
      "expected the end of the line or one space and the exemplar's timestamp",
    ],
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 1 # {} 1 1 \n# EOF\n',
      "expected the end of the line or one space and the exemplar's timestamp",
    ],
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 1 # {} 0x1p-3\n# EOF\n',
      "expected a number as exemplar's value",
    ],
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 1 # {} 1 NaN\n# EOF\n',
      "expected a number as exemplar's timestamp",
    ],
    ['# TYPE a counter\na_total 1 1 # {id="a"}  \n# EOF\n', "expected a number as exemplar's value"],
    ['# TYPE a counter\na_total 1 1 # id="a"} 1\n# EOF\n', 'expected " # {" to start an exemplar'],
    ['# TYPE a counter\na_total 1 1 id="a"} 1\n# EOF\n', 'expected " # {" to start an exemplar'],
    ['# TYPE a counter\na_total 1 # {a="1",} 1\n# EOF\n', "a trailing ','"],
    [
      '# TYPE a histogram\na_sum 1 # {a="b"} 0.5\n# EOF\n',
      'exemplars are only allowed on counter _total and histogram _bucket samples, not on a_sum',
    ],
    ['# TYPE a gaugehistogram\na_gsum 1 # {a="b"} 0.5\n# EOF\n', 'not on a_gsum'],
    ['# TYPE a_bucket gauge\na_bucket 1 # {a="b"} 0.5\n# EOF\n', 'not on a_bucket'],
    ['# TYPE a counter\na_created 1 # {a="b"} 0.5\n# EOF\n', 'not on a_created'],
    ['# TYPE a gauge\na 1 # {a="b"} 1\n# EOF\n', 'not on a'],
    ['# TYPE a info\na_info 1 # {a="b"} 1\n# EOF\n', 'not on a_info'],
    ['# TYPE a stateset\na{a="b"} 1 # {c="d"} 1\n# EOF\n', 'not on a'],
    ['a 1 # {c="d"} 1\n# EOF\n', 'not on a'],
  ])('refuses %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });
});
