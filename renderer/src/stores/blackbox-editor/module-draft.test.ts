import { BlackboxModuleParamsSchema } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import {
  draftsFromParams,
  emptyModuleDraft,
  moduleParams,
  moduleProblems,
  modulesAreValid,
  paramsWithModules,
  type BlackboxModuleDraft,
} from '.';

function draft(
  change: Partial<BlackboxModuleDraft> & Pick<BlackboxModuleDraft, 'preset'>,
): BlackboxModuleDraft {
  return { ...emptyModuleDraft(0, change.preset), ...change };
}

const everyPreset = {
  modules: [
    { preset: 'http_2xx', targets: ['https://nas.lan/'], validStatusCodes: [200, 204] },
    {
      preset: 'http_post_auth',
      name: 'api',
      timeoutSeconds: 10,
      targets: ['https://api.lan/health'],
      bearerTokenSecretId: 'sec_0123abcd',
      body: '',
      contentType: 'text/plain',
      bodyMustMatch: ['status.*ok'],
    },
    { preset: 'http_ssl_check', targets: ['https://nas.lan/'] },
    { preset: 'tcp_connect', targets: ['nas.lan:22', '[fd00::1]:443'] },
    { preset: 'tcp_connect_tls', targets: ['mail.lan:993'] },
    { preset: 'icmp', targets: ['192.168.1.1', 'router.lan'] },
    { preset: 'dns', targets: ['192.168.1.1'], queryName: 'nas.lan', queryType: 'AAAA' },
    { preset: 'dns_mx', targets: ['1.1.1.1:53'], queryName: 'example.com', answerMustMatch: ['mail'] },
  ],
};

describe('draftsFromParams ↔ paramsWithModules', () => {
  it('reads every preset and writes the same modules back', () => {
    const read = draftsFromParams(everyPreset);
    if (!read.ok) throw new Error(read.reason);
    expect(read.modules.map((module) => module.key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(read.modules[5]?.targets).toBe('192.168.1.1\nrouter.lan');
    expect(paramsWithModules({ port: 9116, ...everyPreset }, read.modules)).toEqual({
      port: 9116,
      ...everyPreset,
    });
  });

  it('keeps the keys of the modules it had, by position', () => {
    const previous = [draft({ preset: 'icmp', key: 7 })];
    const read = draftsFromParams(everyPreset, previous);
    expect(read.ok && read.modules.slice(0, 2).map((module) => module.key)).toEqual([7, 8]);
  });

  it('shows no modules when there are none and removes the key when the list is emptied', () => {
    expect(draftsFromParams({ port: 1 })).toEqual({ ok: true, modules: [] });
    expect(paramsWithModules({ port: 1, modules: [] }, [])).toEqual({ port: 1 });
  });

  it.each([
    [{ modules: 'icmp' }, '"modules" is not a list'],
    [{ modules: [{ preset: 'smtp' }] }, 'no preset the editor knows'],
    [{ modules: [null] }, 'not an object'],
    [{ modules: [{ preset: 'icmp', queryName: 'x' }] }, '"queryName"'],
    [{ modules: [{ preset: 'icmp', targets: 'a.lan' }] }, '"targets"'],
    [{ modules: [{ preset: 'icmp', targets: [' a.lan'] }] }, '"targets"'],
    [{ modules: [{ preset: 'icmp', targets: ['a\nb'] }] }, '"targets"'],
    [{ modules: [{ preset: 'dns', queryType: 'ANY' }] }, '"queryType"'],
    [{ modules: [{ preset: 'http_2xx', validStatusCodes: ['200'] }] }, '"validStatusCodes"'],
    [{ modules: [{ preset: 'icmp', extra: true }] }, '"extra"'],
  ])('says why %j cannot be shown', (params, reason) => {
    const read = draftsFromParams(params);
    expect(read.ok ? 'shown' : read.reason).toContain(reason);
  });

  it('shows modules the server would refuse, so their fields can say why', () => {
    const read = draftsFromParams({ modules: [{ preset: 'http_2xx', targets: ['not a url'] }] });
    expect(read.ok && read.modules[0]?.targets).toBe('not a url');
    expect(read.ok && modulesAreValid(read.modules)).toBe(false);
  });

  it('writes nothing while a module would be refused', () => {
    expect(paramsWithModules({}, [draft({ preset: 'http_2xx', targets: 'not a url' })])).toBeUndefined();
  });

  it('leaves fields at their default out and trims what was typed', () => {
    expect(
      moduleParams(draft({ preset: 'http_post_auth', name: ' api ', targets: ' https://a.lan/ \n' })),
    ).toEqual({
      preset: 'http_post_auth',
      name: 'api',
      targets: ['https://a.lan/'],
      bearerTokenSecretId: '',
    });
    // Fields of another preset stay in the draft but never reach the params.
    expect(
      moduleParams(draft({ preset: 'icmp', targets: 'a.lan', queryName: 'x', validStatusCodes: '200' })),
    ).toEqual({
      preset: 'icmp',
      targets: ['a.lan'],
    });
  });
});

describe('moduleProblems', () => {
  it('marks each field the server would refuse', () => {
    const problems = moduleProblems(
      draft({
        preset: 'http_post_auth',
        name: 'Bad Name',
        timeoutSeconds: '61',
        targets: 'ftp://a.lan/',
        contentType: 'json',
        bodyMustMatch: 'caf\u00e9',
      }),
      [],
    );
    expect(Object.keys(problems).sort()).toEqual(
      ['bearerTokenSecretId', 'bodyMustMatch', 'contentType', 'name', 'targets', 'timeoutSeconds'].sort(),
    );
    expect(problems.bearerTokenSecretId).toBe('Save a bearer token.');
  });

  it('finds two modules with the same name', () => {
    const first = draft({ preset: 'icmp', key: 1, targets: 'a.lan' });
    const second = draft({ preset: 'icmp', key: 2, targets: 'b.lan' });
    expect(moduleProblems(second, [first, second]).name).toContain('Another module is also called icmp');
    expect(modulesAreValid([first, { ...second, name: 'icmp_wan' }])).toBe(true);
  });
});

describe('the editor’s field checks agree with the contract’s schema', () => {
  const cases: BlackboxModuleDraft[] = [
    ...(draftsFromParams(everyPreset) as { modules: BlackboxModuleDraft[] }).modules,
    draft({ preset: 'http_2xx', targets: 'not a url' }),
    draft({ preset: 'http_2xx', targets: 'https://u:p@a.lan/' }),
    draft({ preset: 'http_2xx', targets: 'https://a.lan/', validStatusCodes: '99' }),
    draft({ preset: 'http_post_auth', targets: 'https://a.lan/', bearerTokenSecretId: '../../etc/shadow' }),
    draft({
      preset: 'http_post_auth',
      targets: 'https://a.lan/',
      bearerTokenSecretId: 's1',
      contentType: 'a b',
    }),
    draft({
      preset: 'http_post_auth',
      targets: 'https://a.lan/',
      bearerTokenSecretId: 's1',
      body: 'x'.repeat(4097),
    }),
    draft({ preset: 'http_ssl_check', targets: 'https://a.lan/', bodyMustMatch: 'x'.repeat(257) }),
    draft({ preset: 'tcp_connect', targets: 'a.lan' }),
    draft({ preset: 'tcp_connect_tls', targets: 'a.lan:0' }),
    draft({ preset: 'icmp', targets: '$(id)' }),
    draft({ preset: 'icmp', targets: 'a.lan', timeoutSeconds: '0' }),
    draft({ preset: 'icmp', targets: 'a.lan', name: '9lives' }),
    draft({ preset: 'dns', targets: '1.1.1.1', queryName: 'a b.com' }),
    draft({ preset: 'dns_mx', targets: '1.1.1.1:99999', queryName: 'example.com' }),
    draft({ preset: 'dns_mx', targets: '1.1.1.1', queryName: 'example.com', answerMustMatch: 'tab\there' }),
  ];

  it.each(cases.map((item) => [item.preset, item] as const))('%s: same verdict', (_preset, item) => {
    expect(modulesAreValid([item])).toBe(BlackboxModuleParamsSchema.safeParse(moduleParams(item)).success);
  });
});
