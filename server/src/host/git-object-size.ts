/**
 * The size an object inflates to, read from the pack without inflating it: isomorphic-git
 * inflates a whole object before it compares its size, so a few megabytes of a hostile pack that
 * inflate to gigabytes would blow the memory. The pack index (v2) gives the object's offset, the
 * entry header its size; a delta's result size is the second number at the start of the delta, so
 * only a prefix of it is inflated. Index and pack are the buffers the read-only file system keeps
 * for isomorphic-git (read-only-git-fs.ts), which checks loose objects as they are read.
 */
import { join } from 'node:path';
import { inflateSync, constants as zlib } from 'node:zlib';

/** Parsed pack indexes by path, kept with isomorphic-git's cache object of the read. */
const indexes = new WeakMap<object, Map<string, Promise<PackIndex | undefined>>>();

/** How the repository is read: the read-only file system, which keeps packs and indexes (read-only-git-fs.ts). */
type ReadFile = (path: string) => Promise<Buffer | string>;

interface PackIndex {
  fanout: Uint32Array;
  idx: Buffer;
  count: number;
}

/** Object sizes from the pack's entry header: the declared size and, for a delta, its base and result sizes. */
export async function packedObjectSize(fs: { promises: { readFile: ReadFile; readdir: (path: string) => Promise<string[]> } }, gitdir: string, oid: string, cache: object): Promise<number | undefined> {
  const packDir = join(gitdir, 'objects', 'pack');
  let names: string[];
  try {
    names = (await fs.promises.readdir(packDir)).filter((n) => n.endsWith('.idx'));
  } catch {
    return undefined;
  }
  const readFile = fs.promises.readFile as (path: string) => Promise<Buffer>;
  let byPath = indexes.get(cache);
  if (!byPath) indexes.set(cache, (byPath = new Map()));
  for (const name of names) {
    const path = join(packDir, name);
    let index = byPath.get(path);
    if (!index) byPath.set(path, (index = readFile(path).then(parseIndex)));
    const parsed = await index;
    const offset = parsed && offsetOf(parsed, oid);
    if (offset !== undefined) return entrySize(await readFile(path.replace(/\.idx$/, '.pack')), offset);
  }
  return undefined;
}

function parseIndex(idx: Buffer): PackIndex | undefined {
  // Version 2 starts \377tOc, 2; git has not written version 1 since 2007 (then: not checked).
  if (idx.length < 8 + 1024 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return undefined;
  const fanout = new Uint32Array(256);
  for (let i = 0; i < 256; i++) fanout[i] = idx.readUInt32BE(8 + i * 4);
  const count = fanout[255];
  if (idx.length < 8 + 1024 + count * 28) return undefined;
  return { fanout, idx, count };
}

/** The object's offset in the pack, by binary search in its fanout bucket. */
function offsetOf({ fanout, idx, count }: PackIndex, oid: string): number | undefined {
  const want = Buffer.from(oid, 'hex');
  if (want.length !== 20) return undefined;
  const names = 8 + 1024;
  let lo = want[0] === 0 ? 0 : fanout[want[0] - 1];
  let hi = fanout[want[0]];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // The index entry against the wanted name: negative when the entry sorts first.
    const cmp = idx.compare(want, 0, 20, names + mid * 20, names + mid * 20 + 20);
    if (cmp === 0) {
      const offsets = names + count * 24;
      const small = idx.readUInt32BE(offsets + mid * 4);
      if (!(small & 0x80000000)) return small;
      const large = offsets + count * 4 + (small & 0x7fffffff) * 8;
      return large + 8 <= idx.length ? Number(idx.readBigUInt64BE(large)) : undefined;
    }
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

/** The largest of an entry's declared size and, for a delta, the sizes at the delta's start. */
function entrySize(pack: Buffer, offset: number): number | undefined {
  if (offset >= pack.length) return undefined;
  const head = pack.subarray(offset, offset + 256);
  const read = head.length;
  let at = 0;
  const next = () => (at < read ? head[at++] : 0);
  let c = next();
  const type = (c >> 4) & 7;
  let size = c & 15;
  for (let shift = 4; c & 0x80; shift += 7) size += ((c = next()) & 0x7f) * 2 ** shift;
  if (type !== 6 && type !== 7) return size;
  if (type === 6) while (next() & 0x80);
  else at += 20;
  let delta: Buffer;
  try {
    delta = inflateSync(head.subarray(at, read), { finishFlush: zlib.Z_SYNC_FLUSH });
  } catch {
    return size;
  }
  let pos = 0;
  const varint = () => {
    let value = 0;
    let b: number;
    let shift = 0;
    do {
      b = pos < delta.length ? delta[pos++] : 0;
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return value;
  };
  const base = varint();
  const result = varint();
  return Math.max(size, base, result);
}
