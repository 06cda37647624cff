import { describe, expect, it } from 'vitest';
import { emptyModuleDraft } from './module-draft';
import {
  addModule,
  changeModule,
  editorForSelection,
  editorFromParamsText,
  emptyBlackboxEditor,
  moveModule,
  paramsTextWithModules,
  removeModule,
} from './editor-steps';

const icmp = { ...emptyModuleDraft(0, 'icmp'), targets: '192.168.1.1\nrouter.lan' };
const http = {
  ...emptyModuleDraft(1, 'http_2xx'),
  targets: 'https://nas.lan/',
  validStatusCodes: '200, 204',
};

describe('the module editor and the parameters JSON', () => {
  it('writes valid modules into the JSON, keeping its other keys', () => {
    const text = paramsTextWithModules('{"port": 9116}', [icmp, http]);
    expect(JSON.parse(text ?? '')).toEqual({
      port: 9116,
      modules: [
        { preset: 'icmp', targets: ['192.168.1.1', 'router.lan'] },
        { preset: 'http_2xx', targets: ['https://nas.lan/'], validStatusCodes: [200, 204] },
      ],
    });
  });

  it('leaves the JSON alone while a module is invalid or the JSON itself is bad', () => {
    expect(paramsTextWithModules('{}', [{ ...http, targets: 'not a url' }])).toBeUndefined();
    expect(paramsTextWithModules('{"port":', [icmp])).toBeUndefined();
  });

  it('reads the editor back from JSON it wrote', () => {
    const text = paramsTextWithModules('{}', [icmp, http]) ?? '';
    expect(editorFromParamsText(text, emptyBlackboxEditor()).modules).toEqual([icmp, http]);
  });

  it('keeps the last modules, with a note, while the JSON cannot be shown', () => {
    const previous = { modules: [icmp] };
    expect(editorFromParamsText('{"modules": [', previous)).toMatchObject({
      modules: [icmp],
      unreadable: expect.stringContaining('once the JSON is valid'),
    });
    expect(editorFromParamsText('{"modules": [{"preset": "smtp"}]}', previous)).toMatchObject({
      modules: [icmp],
      unreadable: expect.stringContaining('cannot show'),
    });
  });

  it('has modules only for blackbox_exporter', () => {
    const text = '{"modules": [{"preset": "icmp", "targets": ["a.lan"]}]}';
    expect(editorForSelection('node_exporter', text, emptyBlackboxEditor())).toEqual(emptyBlackboxEditor());
    expect(editorForSelection('blackbox_exporter', text, emptyBlackboxEditor()).modules).toHaveLength(1);
  });
});

describe('list steps', () => {
  it('adds with a fresh key, changes, removes and moves by key', () => {
    const added = addModule([icmp, http], 'dns');
    expect(added.map((module) => [module.key, module.preset])).toEqual([
      [0, 'icmp'],
      [1, 'http_2xx'],
      [2, 'dns'],
    ]);
    expect(changeModule(added, 2, { queryName: 'nas.lan' })[2]?.queryName).toBe('nas.lan');
    expect(removeModule(added, 1).map((module) => module.key)).toEqual([0, 2]);
    expect(moveModule(added, 2, -1).map((module) => module.key)).toEqual([0, 2, 1]);
    expect(moveModule(added, 0, 1).map((module) => module.key)).toEqual([1, 0, 2]);
    expect(moveModule(added, 0, -1).map((module) => module.key)).toEqual([0, 1, 2]);
    expect(moveModule(added, 2, 1).map((module) => module.key)).toEqual([0, 1, 2]);
  });
});
