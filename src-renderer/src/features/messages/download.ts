import type { ExportFile } from '@shared/message-export';

/**
 * Saves text as a file through the browser's download: in `serve` mode the browser's own
 * download, in the desktop app Electron's save dialog (it handles `<a download>` the same way).
 */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
