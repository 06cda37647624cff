// Times on the Metrics page in 24-hour form whatever the locale, and ages ("12 s ago")
// for a target's last scrape.
function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** 14:03:09 in local time. */
export function clock24(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** 12-07 14:03 in local time: an axis tick when the range spans days. */
export function dayClock24(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An axis label for a time, by how wide the axis is. */
export function axisTime(ms: number, spanSeconds: number): string {
  if (spanSeconds > 86_400) return dayClock24(ms);
  return spanSeconds > 3 * 3600 ? clock24(ms).slice(0, 5) : clock24(ms);
}

export function ageText(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
