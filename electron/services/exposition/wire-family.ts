// The contract's JSON-safe shape of parsed families: NaN and the infinities become the
// strings "NaN", "+Inf" and "-Inf"; everything else is copied as is.
import type { MetricFamily, MetricSample, SampleValue } from '@shared/contract';
import type { ParsedFamily, ParsedSample } from './exposition-types';

export function toWireValue(value: number): SampleValue {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return value;
}

function toWireSample(sample: ParsedSample): MetricSample {
  const wire: MetricSample = { name: sample.name, labels: sample.labels, value: toWireValue(sample.value) };
  if (sample.timestamp !== undefined) wire.timestamp = sample.timestamp;
  if (sample.exemplar) {
    wire.exemplar = { labels: sample.exemplar.labels, value: toWireValue(sample.exemplar.value) };
    if (sample.exemplar.timestamp !== undefined) wire.exemplar.timestamp = sample.exemplar.timestamp;
  }
  return wire;
}

export function toWireFamily(family: ParsedFamily, maxSamples = Infinity): MetricFamily {
  const samples = family.samples.length > maxSamples ? family.samples.slice(0, maxSamples) : family.samples;
  return {
    name: family.name,
    type: family.type,
    help: family.help,
    unit: family.unit,
    samples: samples.map(toWireSample),
  };
}
