// The facts app.info reports about this install.
import type { JSX } from 'react';
import type { AppInfo } from '@shared/contract';

const transportLabels = {
  electron: 'Desktop app (Electron)',
  browser: 'Browser mode (promstead serve)',
  cli: 'Command line',
} as const satisfies Record<AppInfo['transport'], string>;

export function AppInfoCard({ info }: { info: AppInfo }): JSX.Element {
  return (
    <section className="card" aria-labelledby="about-app-title">
      <h2 id="about-app-title" className="card__title">
        This installation
      </h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd data-testid="about-version">{info.version}</dd>
        <dt>Data folder</dt>
        <dd>
          <code data-testid="about-data-dir">{info.dataDir}</code>
        </dd>
        <dt>Transport</dt>
        <dd data-testid="about-transport">{transportLabels[info.transport]}</dd>
        <dt>Platform</dt>
        <dd data-testid="about-platform">
          {info.platform} ({info.arch})
        </dd>
        <dt>Node.js</dt>
        <dd data-testid="about-node">{info.node}</dd>
      </dl>
    </section>
  );
}
