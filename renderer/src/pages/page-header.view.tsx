// Every page's title; focusable so navigation can move focus (and screen readers) to it.
import type { JSX, ReactNode } from 'react';

export const pageTitleId = 'page-title';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }): JSX.Element {
  return (
    <div className="page-header">
      <h1 id={pageTitleId} className="page-header__title" tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="page-header__lead">{children}</div>}
    </div>
  );
}
