// Problems found while loading saved state, such as a corrupt file that was moved aside.
import type { JSX } from 'react';
import type { StateNotice } from '@shared/contract';

export function StateNotices({ notices }: { notices: readonly StateNotice[] }): JSX.Element | null {
  if (notices.length === 0) return null;
  return (
    <section
      className="notice notice--warn"
      aria-labelledby="about-notices-title"
      data-testid="about-notices"
    >
      <h2 id="about-notices-title" className="notice__title">
        Notices
      </h2>
      <ul className="notice__list">
        {notices.map((notice, index) => (
          <li key={`${notice.file}-${index}`} data-testid="about-notice">
            <code>{notice.file}</code>: {notice.message}
            {notice.movedTo && !notice.message.includes(notice.movedTo) && (
              <>
                {' '}
                The old file was kept as <code>{notice.movedTo}</code>.
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
