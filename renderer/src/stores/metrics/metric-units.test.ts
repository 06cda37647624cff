import { describe, expect, it } from 'vitest';
import { formatValue, sampleNumber, unitOf } from './metric-units';

describe('unitOf', () => {
  it('reads the unit from the name, past the part suffixes', () => {
    expect(unitOf('node_memory_MemAvailable_bytes')).toBe('bytes');
    expect(unitOf('node_network_receive_bytes_total')).toBe('bytes');
    expect(unitOf('http_request_duration_seconds_bucket')).toBe('seconds');
    expect(unitOf('node_cpu_seconds_total')).toBe('seconds');
    expect(unitOf('node_filesystem_avail_ratio')).toBe('ratio');
    expect(unitOf('node_hwmon_temp_celsius')).toBe('celsius');
    expect(unitOf('node_hwmon_in_volts')).toBe('volts');
    expect(unitOf('node_rapl_package_watts')).toBe('watts');
    expect(unitOf('node_cpu_scaling_frequency_hertz')).toBe('hertz');
    expect(unitOf('disk_used_percent')).toBe('percent');
    expect(unitOf('node_uname_info')).toBe('info');
    expect(unitOf('node_load1')).toBe('none');
  });

  it('prefers the unit the exposition declared', () => {
    expect(unitOf('process_cpu', 'seconds')).toBe('seconds');
    expect(unitOf('something_bytes', 'made-up')).toBe('bytes');
  });
});

describe('formatValue', () => {
  it('writes bytes in binary units', () => {
    expect(formatValue(512, 'bytes')).toBe('512 B');
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(1610612736, 'bytes')).toBe('1.5 GiB');
    expect(formatValue(5 * 1024 ** 2, 'bytes', { perSecond: true })).toBe('5 MiB/s');
  });

  it('writes durations from nanoseconds to days', () => {
    expect(formatValue(0.000_002_5, 'seconds')).toBe('2.5 µs');
    expect(formatValue(0.25, 'seconds')).toBe('250 ms');
    expect(formatValue(42, 'seconds')).toBe('42 s');
    expect(formatValue(300, 'seconds')).toBe('5 min');
    expect(formatValue(5400, 'seconds')).toBe('1.5 h');
    expect(formatValue(3 * 86_400, 'seconds')).toBe('3 d');
    // CPU seconds per second is a share of one CPU.
    expect(formatValue(0.25, 'seconds', { perSecond: true })).toBe('0.25 s/s');
  });

  it('writes ratios as percent and the other units with their symbols', () => {
    expect(formatValue(0.423, 'ratio')).toBe('42.3%');
    expect(formatValue(42, 'percent')).toBe('42%');
    expect(formatValue(41.5, 'celsius')).toBe('41.5 °C');
    expect(formatValue(1.2e9, 'hertz')).toBe('1.2 GHz');
    expect(formatValue(12.1, 'volts')).toBe('12.1 V');
    expect(formatValue(0.35, 'watts')).toBe('350 mW');
    expect(formatValue(1234567, 'none')).toBe('1.23 M');
    expect(formatValue(3.5, 'none', { perSecond: true })).toBe('3.5/s');
  });

  it('writes what JSON cannot carry as Prometheus does, and a gap as a dash', () => {
    expect(formatValue(NaN, 'bytes')).toBe('NaN');
    expect(formatValue(Infinity, 'seconds')).toBe('+Inf');
    expect(formatValue(-Infinity, 'none')).toBe('-Inf');
    expect(formatValue(null, 'none')).toBe('—');
    expect(sampleNumber('+Inf')).toBe(Infinity);
    expect(sampleNumber('NaN')).toBeNaN();
  });

  it('keeps negative values readable', () => {
    expect(formatValue(-2048, 'bytes')).toBe('-2 KiB');
    expect(formatValue(-0.5, 'seconds')).toBe('-500 ms');
  });
});
