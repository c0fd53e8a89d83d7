import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Bytes under a folder (files only, symlinks not followed); 0 when it does not exist. */
export function folderSize(folder: string): number {
  let total = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += folderSize(full);
    else if (entry.isFile()) {
      try {
        total += lstatSync(full).size;
      } catch {
        /* removed meanwhile */
      }
    }
  }
  return total;
}
