// The rule tables themselves: ids, weights and patterns a reviewer can trust.
import { describe, expect, it } from 'vitest';
import { hostKinds } from '@shared/contract';
import type { FactMatcher } from './classification-rule';
import { enterpriseNumbers } from './enterprise-numbers';
import { enterpriseOf, oidUnder } from './host-signals';
import { macVendorHints } from './mac-vendors';
import { classificationRules } from './rules';

function patternsOf(matcher: FactMatcher): RegExp[] {
  const service = matcher.service;
  return [
    matcher.sysDescr,
    matcher.macVendor,
    service?.banner,
    service?.httpTitle,
    service?.httpServer,
  ].filter((pattern): pattern is RegExp => pattern !== undefined);
}

describe('the classification rules', () => {
  it('have unique ids', () => {
    const ids = classificationRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('weigh each fact between 0 and 1 and name only real kinds', () => {
    for (const rule of classificationRules) {
      expect(rule.weight, rule.id).toBeGreaterThan(0);
      expect(rule.weight, rule.id).toBeLessThanOrEqual(1);
      if (rule.gives.kind) expect(hostKinds, rule.id).toContain(rule.gives.kind);
      expect(rule.gives.kind, rule.id).not.toBe('unknown');
    }
  });

  it('use no stateful (g or y) patterns, which would match every other call', () => {
    const patterns = [
      ...classificationRules.flatMap((rule) =>
        typeof rule.when === 'function' ? [] : patternsOf(rule.when),
      ),
      ...enterpriseNumbers.flatMap(
        (entry) =>
          (entry as { variants?: readonly { sysDescr?: RegExp }[] }).variants?.flatMap((variant) =>
            variant.sysDescr ? [variant.sysDescr] : [],
          ) ?? [],
      ),
      ...macVendorHints.map((hint) => hint.pattern),
    ];
    expect(patterns.length).toBeGreaterThan(30);
    for (const pattern of patterns) expect(pattern.flags, String(pattern)).not.toMatch(/[gy]/);
  });
});

describe('the enterprise table', () => {
  it('lists each number once', () => {
    const numbers = enterpriseNumbers.map((entry) => entry.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('places every variant sub-tree under its own enterprise', () => {
    for (const entry of enterpriseNumbers) {
      const variants = (entry as { variants?: readonly { oidPrefix?: string }[] }).variants ?? [];
      for (const variant of variants) {
        if (variant.oidPrefix) expect(enterpriseOf(variant.oidPrefix), variant.oidPrefix).toBe(entry.number);
      }
    }
  });

  it('includes the vendors the lab reports', () => {
    const vendors = new Map<number, string>(enterpriseNumbers.map((entry) => [entry.number, entry.vendor]));
    expect(vendors.get(6574)).toBe('Synology');
    expect(vendors.get(11863)).toBe('TP-Link');
    expect(vendors.get(41112)).toBe('Ubiquiti');
    expect(vendors.get(8072)).toBe('net-snmp');
  });
});

describe('OID helpers', () => {
  it('read the enterprise arc', () => {
    expect(enterpriseOf('1.3.6.1.4.1.6574.1.5.1.0')).toBe(6574);
    expect(enterpriseOf('.1.3.6.1.4.1.9')).toBe(9);
    expect(enterpriseOf('1.3.6.1.2.1.1.2.0')).toBeUndefined();
    expect(enterpriseOf('1.3.6.1.4.1.')).toBeUndefined();
    expect(enterpriseOf('1.3.6.1.4.1.x')).toBeUndefined();
    expect(enterpriseOf('1.3.6.1.4.1.12345678901')).toBeUndefined();
  });

  it('compare sub-trees by whole arcs', () => {
    expect(oidUnder('1.3.6.1.4.1.11.2.3.7.11.160', '1.3.6.1.4.1.11.2.3.7.11')).toBe(true);
    expect(oidUnder('1.3.6.1.4.1.11.2.3.7.11', '1.3.6.1.4.1.11.2.3.7.11')).toBe(true);
    expect(oidUnder('1.3.6.1.4.1.11.2.3.7.110', '1.3.6.1.4.1.11.2.3.7.11')).toBe(false);
  });
});
