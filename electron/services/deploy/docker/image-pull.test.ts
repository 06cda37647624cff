import { describe, expect, it } from 'vitest';
import { foldPullEvent } from './image-pull';

describe('pull progress', () => {
  it('sums bytes over layers and counts finished ones', () => {
    const layers = new Map();
    const image = 'registry.lan/prom/x:v1';
    foldPullEvent(layers, { status: 'Pulling from prom/x', id: 'v1' }, image);
    foldPullEvent(layers, { status: 'Already exists', id: 'aaaaaaaaaaaa' }, image);
    foldPullEvent(
      layers,
      { status: 'Downloading', id: 'bbbbbbbbbbbb', progressDetail: { current: 100, total: 400 } },
      image,
    );
    const progress = foldPullEvent(
      layers,
      { status: 'Downloading', id: 'cccccccccccc', progressDetail: { current: 50, total: 100 } },
      image,
    );
    expect(progress).toEqual({ image, currentBytes: 150, totalBytes: 500, layersDone: 1, layers: 3 });
    const done = foldPullEvent(layers, { status: 'Pull complete', id: 'bbbbbbbbbbbb' }, image);
    expect(done).toMatchObject({ currentBytes: 450, totalBytes: 500, layersDone: 2 });
  });
});
