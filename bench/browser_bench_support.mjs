// What the extension benchmarks share: their command line, order statistics, and the header
// that says where the figures came from.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

// Reads `[COUNT] [--browser chromium|firefox]` from argv; `count` defaults to `defaultCount`.
export function benchArguments(defaultCount) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--browser');
  const browser = at >= 0 ? args.splice(at, 2)[1] : 'chromium';
  if (!['chromium', 'firefox'].includes(browser)) throw new Error(`--browser must be chromium or firefox, not ${browser}`);
  const count = args.length > 0 ? Number(args[0]) : defaultCount;
  if (!Number.isInteger(count) || count < 1) throw new Error(`the count must be a positive integer, not ${args[0]}`);
  return { browser, count };
}

// Returns the `q` quantile (0..1) of the ascending `sorted` numbers.
export const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (value) => `${value.toFixed(1)} ms`;
  return `median ${f(quantile(sorted, 0.5))}   p95 ${f(quantile(sorted, 0.95))}   p99 ${f(quantile(sorted, 0.99))}   max ${f(sorted.at(-1))}`;
}

export function machineLine(browserVersion) {
  return `machine: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}, Node ${process.version}, ${browserVersion}`;
}

// Returns the CPU time (user + system, ms) used so far by every live process started with
// HANDLEGUARD_HOME=`home` and their descendants: one browser's whole tree (browser, renderers
// or content processes, the extension's worker, the native host; Chromium's zygote clears its
// environment, so descendants are found through their parents). CPU time, unlike wall time,
// does not grow when neighbours load the machine.
export function treeCpuMs(home) {
  const ticksPerSecond = 100; // USER_HZ on Linux (getconf CLK_TCK)
  const processes = new Map(); // pid → {parent, ticks, ours}
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let ours = false;
      try {
        ours = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`HANDLEGUARD_HOME=${home}`);
      } catch {
        ours = false; // not ours to read
      }
      // Fields 4, 14 and 15 of stat: parent pid, utime, stime.
      processes.set(entry, { parent: fields[1], ticks: Number(fields[11]) + Number(fields[12]), ours });
    } catch {
      continue; // ended while we looked
    }
  }
  const inTree = (pid, depth = 0) => {
    const proc = processes.get(pid);
    if (!proc || depth > 64) return false;
    return proc.ours || inTree(proc.parent, depth + 1);
  };
  let ticks = 0;
  for (const [pid, proc] of processes) if (inTree(pid)) ticks += proc.ticks;
  return (ticks * 1000) / ticksPerSecond;
}
