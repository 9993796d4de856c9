// The colour of a client, the same in the page's banner and the toolbar badge, so each
// client's accounts are recognised at a glance. Classic script (content scripts) that the
// service worker also imports for its side effect.
'use strict';
(() => {
  // Returns '#rrggbb' derived from `client` (HSL hue from a string hash, 70% saturation, 38% light).
  function clientColour(client) {
    let hash = 0;
    for (const char of String(client)) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
    const hue = hash % 360;
    const s = 0.7;
    const l = 0.38;
    const k = (n) => (n + hue / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    const channel = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
    return `#${[channel(0), channel(8), channel(4)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  }
  (globalThis.handleguard ??= {}).clientColour = clientColour;
})();
