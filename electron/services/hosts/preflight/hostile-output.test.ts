// Every parser against output a broken or hostile host could print: huge, binary,
// one endless line, or crafted to make a regular expression backtrack. Each must return
// (bounded) rather than throw or hang.
import { describe, expect, it } from 'vitest';
import { parseDfPosix } from './disk-free';
import { dockerFactsFromApi } from './docker-facts';
import { readFirewalldPorts, readIptablesRules, readNftRuleset, readUfwStatus } from './firewall-rules';
import { parseProcNetTcp, parseSsListeners } from './listening-ports';
import { cgroupVersionFromMounts, parseMountInfo, rootPropagation } from './mount-table';
import { parseEnvFile, parseOsRelease, parseSynologyVersion, parseTrueNasVersion } from './os-release';
import { boundedLines, cleanText, maxLineLength, maxLines } from './text-bounds';

const megabytes = 8;
const hostile: Record<string, string> = {
  binary: Buffer.from(Array.from({ length: 256 * 1024 }, (_, index) => (index * 7919) % 256)).toString(
    'latin1',
  ),
  oneLongLine: 'A'.repeat(megabytes * 1024 * 1024),
  manyLines: '0: 0100007F:0016 00000000:0000 0A\n'.repeat(200_000),
  spaces: `${' '.repeat(1024 * 1024)}x`,
  digitsAndPercents: `${'1 '.repeat(100_000)}%`.repeat(4),
  braces: `table inet t {\nchain c {\ntype filter hook input priority 0; policy drop;\ntcp dport {${'1,'.repeat(100_000)} accept\n`,
  quotes: `A="${'\\"'.repeat(500_000)}`,
  nul: '\0'.repeat(1024 * 1024),
};

const parsers: Record<string, (text: string) => unknown> = {
  parseEnvFile,
  parseOsRelease,
  parseSynologyVersion,
  parseTrueNasVersion,
  parseMountInfo,
  rootPropagation: (text) => rootPropagation(text, 'x'),
  cgroupVersionFromMounts,
  parseProcNetTcp,
  parseSsListeners,
  parseDfPosix,
  readUfwStatus,
  readFirewalldPorts,
  readNftRuleset,
  readIptablesRules,
  dockerFactsFromApi: (text) => dockerFactsFromApi(text, text),
};

describe('hostile output', () => {
  for (const [parserName, parse] of Object.entries(parsers)) {
    it.each(Object.keys(hostile))(`${parserName} survives %s`, (inputName) => {
      expect(() => parse(hostile[inputName] ?? '')).not.toThrow();
    });
  }

  it('bounds what a parser sees', () => {
    const lines = boundedLines(hostile.manyLines ?? '');
    expect(lines.length).toBe(maxLines);
    expect(boundedLines(hostile.oneLongLine ?? '')[0]?.length).toBe(maxLineLength);
    expect(parseProcNetTcp(hostile.manyLines ?? '').length).toBe(maxLines);
  });

  it('cleans values before they are shown', () => {
    expect(cleanText('\u001b]0;title\u0007ok\r\nnext', 200)).toBe(']0;title ok  next');
    expect(cleanText('x'.repeat(500), 10)).toHaveLength(10);
  });
});
