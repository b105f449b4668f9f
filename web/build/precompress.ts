// Build step: writes .br and .gz beside each compressible bundle, at maximum compression, for the Node
// server to send as they are (Workers compress on their own and ignore these files, see .assetsignore).
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const COMPRESSIBLE_FILE = /\.(?:js|mjs|css|html|json|svg|txt|map)$/;
// Small files gain nothing worth a second and third file on disk; the server compresses those on the fly.
const MIN_BYTES = 1024;

export type Precompressed = { file: string; bytes: number; br?: number; gz?: number };

/** Compresses every eligible file directly in `dir`; a variant is kept only when it is smaller. */
export async function precompressDir(dir: string): Promise<Precompressed[]> {
  const names = (await readdir(dir)).filter((n) => COMPRESSIBLE_FILE.test(n));
  return Promise.all(
    names.map(async (name): Promise<Precompressed> => {
      const file = join(dir, name);
      const raw = await readFile(file);
      const out: Precompressed = { file: name, bytes: raw.length };
      if (raw.length < MIN_BYTES) return out;
      const [br, gz] = await Promise.all([
        brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gzipAsync(raw, { level: zlib.Z_BEST_COMPRESSION }),
      ]);
      if (br.length < raw.length) await writeFile(`${file}.br`, br).then(() => (out.br = br.length));
      if (gz.length < raw.length) await writeFile(`${file}.gz`, gz).then(() => (out.gz = gz.length));
      return out;
    }),
  );
}
