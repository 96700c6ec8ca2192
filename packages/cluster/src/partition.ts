/**
 * Which JetStream partition a session's batches go to, and that partition's subject.
 *
 * The hash is 32-bit FNV-1a (Fowler–Noll–Vo, offset basis 0x811c9dc5, prime 0x01000193) over
 * the UTF-8 bytes of `site`, one 0x00 byte, then `session`, followed by MurmurHash3's 32-bit
 * finalizer (fmix32) — published algorithms with published constants, so every process, version
 * and language agrees. The finalizer matters: FNV-1a alone leaves ids that differ only in their
 * last character (`s-1`, `s-2`, …) in the same high bits, and its low 4 bits depend only on the
 * low 4 bits of each byte. The 32-bit value is mapped to [0, partitions) by its high bits,
 * floor(h × partitions / 2³²). Changing any of this moves live sessions between partitions: don't.
 */

/** 32-bit FNV-1a over the UTF-8 encoding of `s`, continuing from `h` (no allocation). */
export function fnv1a32Utf8(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    // A lone surrogate is encoded as U+FFFD, as TextEncoder and Buffer.from(s, "utf8") do.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), 0x01000193);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), 0x01000193);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), 0x01000193);
    }
    if (c >= 0x80) h = Math.imul(h ^ (0x80 | (c & 0x3f)), 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's 32-bit finalizer: every input bit reaches every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const MIN_PARTITIONS = 1;
export const MAX_PARTITIONS = 1024;

function checkPartitions(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < MIN_PARTITIONS || partitions > MAX_PARTITIONS)
    throw new RangeError(
      `partitions must be an integer ${MIN_PARTITIONS}–${MAX_PARTITIONS}, not ${partitions}`,
    );
}

/** The partition, in [0, partitions), of a session: pure and stable (see the file's comment). */
export function partitionOf(site: string, session: string, partitions: number): number {
  checkPartitions(partitions);
  // site's bytes, then one 0x00 byte (so ("ab", "c") and ("a", "bc") differ), then session's.
  const h = fmix32(fnv1a32Utf8(session, Math.imul(fnv1a32Utf8(site) ^ 0x00, 0x01000193)));
  return Math.floor((h * partitions) / 0x100000000);
}

/** The JetStream subject of a partition: `<prefix>.<partition>` (e.g. `intently.batches.7`). */
export function subjectOf(prefix: string, partition: number): string {
  if (!Number.isInteger(partition) || partition < 0 || partition >= MAX_PARTITIONS)
    throw new RangeError(`partition must be an integer 0–${MAX_PARTITIONS - 1}, not ${partition}`);
  return `${prefix}.${partition}`;
}
