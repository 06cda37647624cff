// A page whose feature is not built yet: it says what it will hold, and shows no fake data.
import type { JSX } from 'react';
import { PageHeader } from './page-header.view';

export function PlaceholderPage({ title, summary }: { title: string; summary: string }): JSX.Element {
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title={title} />
      <div className="card card--empty" data-testid="page-planned">
        <span className="pill pill--muted">Not built yet</span>
        <p className="card--empty__text">{summary}</p>
      </div>
    </section>
  );
}
