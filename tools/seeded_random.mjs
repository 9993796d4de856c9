// A seeded random number generator for test and benchmark inputs: the same seed gives the same
// texts on every machine and Node version (Math.random can't be seeded), so a benchmark's corpus
// and a differential test's failing text can be made again.

// mulberry32: small and fast, with a full 2^32 period; returns numbers in [0, 1).
export function seededRandom(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
