import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, extractTitle } from './html-title';
import { printableText } from './printable-text';

describe('extractTitle', () => {
  it('reads the titles homelab devices serve', () => {
    expect(extractTitle('<!DOCTYPE html><html><head><title>Synology DiskStation - DiskStation</title>')).toBe(
      'Synology DiskStation - DiskStation',
    );
    expect(
      extractTitle('<HTML><HEAD><TITLE lang="en">\n  proxmox1 - Proxmox Virtual Environment\n</TITLE>'),
    ).toBe('proxmox1 - Proxmox Virtual Environment');
  });

  it('decodes entities and collapses whitespace', () => {
    expect(extractTitle('<title>Tom &amp; Jerry&#39;s &lt;NAS&gt; &#x263A;&nbsp;&copy;</title>')).toBe(
      "Tom & Jerry's <NAS> ☺ ©",
    );
    expect(extractTitle('<title>a\n\t\r  b</title>')).toBe('a b');
  });

  it('ignores titles in comments, scripts and styles, and look-alike tags', () => {
    const html = [
      '<!-- <title>commented</title> -->',
      '<script>document.write("<title>scripted</title>")</script>',
      '<style>/* <title>styled</title> */</style>',
      '<titles>not it</titles>',
      '<title>the real one</title>',
    ].join('');
    expect(extractTitle(html)).toBe('the real one');
  });

  it('gives nothing for missing, empty or unclosed titles', () => {
    expect(extractTitle('<html><body>no title</body></html>')).toBeUndefined();
    expect(extractTitle('<title>   </title>')).toBeUndefined();
    expect(extractTitle('<title>never closed')).toBeUndefined();
    expect(extractTitle('<!-- <title>x</title>')).toBeUndefined();
    expect(extractTitle('')).toBeUndefined();
  });

  it('bounds a hostile title and strips controls and direction overrides', () => {
    expect(extractTitle(`<title>${'A'.repeat(5000)}</title>`)).toBe('A'.repeat(200));
    expect(extractTitle('<title>evil\u202egnp.exe\u0007\u0000</title>')).toBe('evil gnp.exe');
    expect(extractTitle(`<title>${'😀'.repeat(300)}</title>`)).toBe('😀'.repeat(200));
  });

  it('reads only the start of a page', () => {
    expect(extractTitle(`${' '.repeat(70 * 1024)}<title>too far</title>`)).toBeUndefined();
  });

  it('stays linear on pathological input', () => {
    for (const piece of ['<title', '<!--', '<script>', '<', '<title>x']) {
      extractTitle(piece.repeat(20_000));
    }
  });
});

describe('decodeHtmlEntities', () => {
  it('replaces invalid code points and keeps unknown names', () => {
    expect(decodeHtmlEntities('&#0;&#xD800;&#99999999;&#x110000;')).toBe('\ufffd'.repeat(4));
    expect(decodeHtmlEntities('&bogus; &amp')).toBe('&bogus; &');
    expect(decodeHtmlEntities('&constructor; &__proto__;')).toBe('&constructor; &__proto__;');
  });
});

describe('printableText', () => {
  it('returns undefined for nothing printable', () => {
    expect(printableText('\u0000\u0001 \n', 10)).toBeUndefined();
    expect(printableText('abc', 2)).toBe('ab');
  });
});
