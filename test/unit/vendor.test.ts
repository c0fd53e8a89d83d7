import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// vendor/ carries two published packages changed in one line each (engines.node); published-sha256.json
// was recorded from the npm registry's tarballs. Anything else that differs is a change nobody reviewed.
const VENDOR = path.join(__dirname, '..', '..', 'vendor');
const published = JSON.parse(readFileSync(path.join(VENDOR, 'published-sha256.json'), 'utf8')) as Record<string, Record<string, string>>;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)).map((file) => path.join(entry.name, file)) : [entry.name],
  );
}

describe('vendor/', () => {
  for (const [folder, hashes] of Object.entries(published)) {
    it(`${folder} is the published package but for engines.node`, () => {
      const root = path.join(VENDOR, folder);
      expect(filesUnder(root).sort()).toEqual(Object.keys(hashes).sort());
      for (const [file, expected] of Object.entries(hashes)) {
        let bytes = readFileSync(path.join(root, file));
        if (file === 'package.json') {
          const text = bytes.toString('utf8');
          expect((JSON.parse(text) as { engines?: unknown }).engines).toEqual({ node: '>= 20.19.0' });
          bytes = Buffer.from(text.replace('"node": ">= 20.19.0"', '"node": ">= 22.19.0"'));
        }
        expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(expected);
      }
    });
  }

  it('is what npm installs for @platformatic/kafka', () => {
    for (const folder of Object.keys(published)) {
      // resolved the way @platformatic/kafka resolves it (its exports hide package.json)
      const entry = require.resolve(`@platformatic/${folder}`, { paths: [path.dirname(require.resolve('@platformatic/kafka'))] });
      const installed = JSON.parse(readFileSync(path.join(entry, '..', '..', 'package.json'), 'utf8')) as { engines: unknown };
      expect(installed.engines).toEqual({ node: '>= 20.19.0' });
    }
  });
});
