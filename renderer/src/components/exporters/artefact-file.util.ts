// Copying an artefact to the clipboard and saving it as a file, in Electron and in a browser.

/**
 * Copies text. The async clipboard API can be refused (Electron's session denies every
 * permission check), so a selected, off-screen textarea and execCommand are the fallback.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithSelection(text);
  }
}

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  try {
    // Deprecated but still the one way that needs no permission.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** Offers the text as a download named `filename`, through a blob: URL and an <a download>. */
export function saveTextFile(filename: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; revoking later keeps slow browsers happy.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
