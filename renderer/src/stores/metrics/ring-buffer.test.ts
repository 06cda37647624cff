import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps the newest values, oldest first, once full', () => {
    const buffer = new RingBuffer(3);
    for (const value of [1, 2, 3, 4, 5]) buffer.push(value);
    expect(buffer.length).toBe(3);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.last()).toBe(5);
  });

  it('keeps gaps as null, NaN samples included', () => {
    const buffer = new RingBuffer(4);
    buffer.push(1);
    buffer.push(null);
    buffer.push(NaN);
    expect(buffer.toArray()).toEqual([1, null, null]);
    expect(buffer.last()).toBeNull();
  });

  it('stays bounded over many pushes and empties on clear', () => {
    const buffer = new RingBuffer(3600);
    for (let index = 0; index < 10_000; index++) buffer.push(index);
    expect(buffer.length).toBe(3600);
    expect(buffer.toArray()[0]).toBe(6400);
    buffer.clear();
    expect(buffer.toArray()).toEqual([]);
    expect(buffer.last()).toBeUndefined();
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
