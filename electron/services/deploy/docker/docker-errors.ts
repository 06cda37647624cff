// What a Docker Engine API error says, in the one form the Docker method reads it:
// dockerode rejects with the HTTP status in `statusCode`.
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Awaits a removal or stop that may find nothing to do: 404 (gone) and 304 (already stopped) are fine. */
export async function ignoreMissing(work: Promise<unknown>): Promise<void> {
  await work.catch((error: unknown) => {
    if (statusOf(error) !== 404 && statusOf(error) !== 304) throw error;
  });
}
