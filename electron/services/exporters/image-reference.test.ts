import { describe, expect, it } from 'vitest';
import { imageReference, ImageReferenceError } from './image-reference';

const nodeImage = { repository: 'prom/node-exporter', tag: 'v1.8.2' };

describe('imageReference', () => {
  it('uses the upstream reference without a mirror', () => {
    expect(imageReference(nodeImage)).toBe('prom/node-exporter:v1.8.2');
    expect(imageReference(nodeImage, { imageRegistryMirror: '' })).toBe('prom/node-exporter:v1.8.2');
  });

  it('rewrites the registry to the mirror', () => {
    expect(imageReference(nodeImage, { imageRegistryMirror: 'registry.lan:5000' })).toBe(
      'registry.lan:5000/prom/node-exporter:v1.8.2',
    );
    expect(imageReference(nodeImage, { imageRegistryMirror: '10.0.0.5:5000/hub' })).toBe(
      '10.0.0.5:5000/hub/prom/node-exporter:v1.8.2',
    );
    expect(
      imageReference(
        { repository: 'quay.io/prometheus/node-exporter', tag: 'v1.8.2' },
        { imageRegistryMirror: 'registry.lan' },
      ),
    ).toBe('registry.lan/prometheus/node-exporter:v1.8.2');
    expect(imageReference({ repository: 'redis', tag: '7' }, { imageRegistryMirror: 'registry.lan' })).toBe(
      'registry.lan/library/redis:7',
    );
  });

  it('applies a version or an image override', () => {
    expect(imageReference(nodeImage, { version: '1.5.0' })).toBe('prom/node-exporter:v1.5.0');
    expect(
      imageReference(nodeImage, {
        imageOverride: { repository: 'promstead-lab/node-exporter', tag: '1.5.0-debian' },
        imageRegistryMirror: 'registry.lan:5000',
      }),
    ).toBe('registry.lan:5000/promstead-lab/node-exporter:1.5.0-debian');
  });

  it.each([
    'http://registry.lan',
    'user:pass@registry.lan',
    'registry.lan:70000',
    'registry.lan:0',
    'registry.lan/../etc',
    'registry.lan; rm -rf /',
    'registry.lan $(id)',
    '-v',
    '--privileged',
    'registry.lan\nevil',
    ' registry.lan',
    'registry.lan/',
    'registry.lan/UPPER',
    '`id`',
  ])('refuses the hostile mirror %j', (mirror) => {
    expect(() => imageReference(nodeImage, { imageRegistryMirror: mirror })).toThrow(ImageReferenceError);
  });

  it.each(['prom/node-exporter;id', '../x', 'prom/Node', 'a b'])(
    'refuses the repository %j',
    (repository) => {
      expect(() => imageReference(nodeImage, { imageOverride: { repository } })).toThrow(ImageReferenceError);
    },
  );

  it.each(['-latest', 'v1 2', 'v1;id', '.x'])('refuses the tag %j', (tag) => {
    expect(() => imageReference(nodeImage, { imageOverride: { tag } })).toThrow(ImageReferenceError);
  });
});
