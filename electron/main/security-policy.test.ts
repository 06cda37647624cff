import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  cspHeader,
  hardenedWebPreferences,
  isAllowedNavigation,
  isAppPage,
  isTrustedSender,
  resolveAppLocation,
  shouldOpenExternally,
  withCspHeader,
} from './security-policy';

const rendererFile = '/opt/Promstead/resources/app.asar/out/renderer/index.html';
const fileApp = 'file:///opt/Promstead/resources/app.asar/out/renderer/index.html';
const devApp = 'http://localhost:5173/';

const hostileUrls = [
  '',
  'not a url',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'blob:file:///1234',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'file:///etc/passwd',
  'https://example.com/',
  'http://127.0.0.1:5173/',
  'ws://localhost:5173/',
];

describe('resolveAppLocation', () => {
  it('loads the built file when there is no dev server', () => {
    expect(resolveAppLocation({ isPackaged: false, devServerUrl: undefined, rendererFile })).toEqual({
      kind: 'file',
      url: fileApp,
      file: rendererFile,
    });
  });

  it('uses a loopback dev server in development', () => {
    for (const url of ['http://localhost:5173', 'http://127.0.0.1:5173/', 'http://[::1]:5173/']) {
      expect(resolveAppLocation({ isPackaged: false, devServerUrl: url, rendererFile }).kind).toBe(
        'dev-server',
      );
    }
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(
      resolveAppLocation({ isPackaged: true, devServerUrl: 'http://localhost:5173', rendererFile }).kind,
    ).toBe('file');
  });

  it('refuses a dev server that is not on this machine', () => {
    const hostile = [
      'http://evil.example:5173',
      'http://localhost.evil.example:5173',
      'http://127.0.0.1.nip.io:5173',
      'http://localhost:5173@evil.example',
      'http://user:pw@localhost:5173',
      'file:///tmp/index.html',
      'javascript:alert(1)',
      'not a url',
    ];
    for (const url of hostile) {
      expect(resolveAppLocation({ isPackaged: false, devServerUrl: url, rendererFile }).kind, url).toBe(
        'file',
      );
    }
  });
});

describe('isAllowedNavigation with the built file', () => {
  it('allows the app page itself, with any hash or query', () => {
    expect(isAllowedNavigation(fileApp, fileApp)).toBe(true);
    expect(isAllowedNavigation(`${fileApp}#/about`, fileApp)).toBe(true);
    expect(isAllowedNavigation(`${fileApp}?tab=1`, fileApp)).toBe(true);
    // Dot segments are resolved by the URL parser: this is the same file.
    expect(
      isAllowedNavigation('file:///opt/Promstead/resources/app.asar/out/x/../renderer/index.html', fileApp),
    ).toBe(true);
  });

  it('refuses every other URL', () => {
    const others = [
      ...hostileUrls,
      'file:///opt/Promstead/resources/app.asar/out/renderer/other.html',
      'file:///opt/Promstead/resources/app.asar/out/renderer/index.html.evil',
      'file:///opt/Promstead/resources/app.asar/out/renderer/index.html/',
      'file:///opt/Promstead/resources/app.asar/out%2Frenderer/index.html',
      'file:///opt/Promstead/resources/app.asar/out/renderer/index.html%00.png',
      'file://evil-host/opt/Promstead/resources/app.asar/out/renderer/index.html',
      'file://user:pw@/opt/Promstead/resources/app.asar/out/renderer/index.html',
      'https://opt/Promstead/resources/app.asar/out/renderer/index.html',
    ];
    for (const url of others) expect(isAllowedNavigation(url, fileApp), url).toBe(false);
  });

  it('matches however the path is percent-encoded', () => {
    const app = pathToFileURL('/home/ana b/Prüfung/out/renderer/index.html').href;
    expect(isAppPage('file:///home/ana%20b/Pr%C3%BCfung/out/renderer/index.html', app)).toBe(true);
    expect(isAppPage('file:///home/ana%20b/Pr%C3%BCfung/out/renderer/index.htm', app)).toBe(false);
  });

  it('compares Windows drive paths without case', () => {
    const app = 'file:///C:/Program%20Files/Promstead/resources/app.asar/out/renderer/index.html';
    expect(
      isAppPage('file:///c:/program%20files/promstead/resources/app.asar/out/renderer/index.html', app),
    ).toBe(true);
    expect(
      isAppPage('file:///D:/Program%20Files/Promstead/resources/app.asar/out/renderer/index.html', app),
    ).toBe(false);
    expect(
      isAppPage('file:///C:/Program%20Files/Promstead/resources/app.asar/out/renderer%5Cindex.html', app),
    ).toBe(false);
  });
});

describe('isAllowedNavigation with the dev server', () => {
  it('allows any path of the dev server origin', () => {
    expect(isAllowedNavigation('http://localhost:5173/', devApp)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/src/main.tsx', devApp)).toBe(true);
  });

  it('refuses other origins and lookalikes', () => {
    const others = [
      ...hostileUrls,
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://localhost.evil.example:5173/',
      'http://localhost:5173.evil.example/',
      'http://localhost:5173@evil.example/',
      'http://user:pw@localhost:5173/',
      'http://evil.example/?next=http://localhost:5173/',
      'http://evil.example/#http://localhost:5173/',
      'file:///opt/Promstead/resources/app.asar/out/renderer/index.html',
    ];
    for (const url of others) expect(isAllowedNavigation(url, devApp), url).toBe(false);
  });

  it('never treats a non-web app URL as an origin to match', () => {
    expect(isAppPage('javascript:1', 'javascript:1')).toBe(false);
    expect(isAppPage('data:text/html,x', 'data:text/html,x')).toBe(false);
  });
});

describe('shouldOpenExternally', () => {
  it('opens https links in the system browser', () => {
    expect(shouldOpenExternally('https://prometheus.io/docs/')).toBe(true);
  });

  it('refuses anything that is not a plain https link', () => {
    const refused = [
      'http://prometheus.io/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'mailto:a@b.c',
      'smb://evil.example/share',
      'ms-settings:privacy',
      'vscode://file/etc/passwd',
      'https://prometheus.io@evil.example/',
      'https://user:pw@evil.example/',
      'not a url',
      '',
    ];
    for (const url of refused) expect(shouldOpenExternally(url), url).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('accepts the top-level frame of the app page', () => {
    expect(isTrustedSender({ url: `${fileApp}#/settings`, parent: null }, fileApp)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, devApp)).toBe(true);
  });

  it('refuses a missing frame, a subframe, or another page', () => {
    expect(isTrustedSender(null, fileApp)).toBe(false);
    expect(isTrustedSender(undefined, fileApp)).toBe(false);
    expect(isTrustedSender({ url: fileApp, parent: {} }, fileApp)).toBe(false);
    for (const url of hostileUrls) expect(isTrustedSender({ url, parent: null }, fileApp), url).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173.evil.example/', parent: null }, devApp)).toBe(false);
  });
});

describe('cspHeader', () => {
  it('allows only our own scripts, styles and connections', () => {
    const policy = cspHeader();
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:|https:/);
  });

  it('allows inline styles only for the dev server, and never inline scripts', () => {
    expect(cspHeader('dev-server')).toContain("style-src 'self' 'unsafe-inline'");
    expect(cspHeader('dev-server')).toContain("script-src 'self';");
    expect(cspHeader('dev-server')).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(cspHeader('production')).toBe(cspHeader());
    expect(withCspHeader({}, 'dev-server')['Content-Security-Policy']).toEqual([cspHeader('dev-server')]);
  });

  it('is added next to a policy the response already has', () => {
    const headers = withCspHeader({
      'content-security-policy': ["default-src 'none'"],
      'Content-Type': 'text/html',
    });
    expect(headers['Content-Security-Policy']).toEqual(["default-src 'none'", cspHeader()]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [cspHeader()] });
  });
});

describe('hardenedWebPreferences', () => {
  it('turns on isolation and the sandbox and turns Node off', () => {
    expect(hardenedWebPreferences('/app/out/preload/index.cjs', false)).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    });
  });

  it('has no devtools in a packaged app', () => {
    expect(hardenedWebPreferences('/p.cjs', true).devTools).toBe(false);
  });
});
