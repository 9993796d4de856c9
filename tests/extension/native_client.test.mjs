// The native client against the real host over real pipes: replies, a killed host, a silent
// host, and recovery.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { NativeClient } from '../../extension/background/native_client.js';
import { hostPort, POLICY, tempHome } from './support.mjs';

const { home, remove } = tempHome(POLICY);
after(remove);

test('hello and check reach the host and come back with their ids', async () => {
  const ports = [];
  const client = new NativeClient({ connect: () => ports[ports.push(hostPort({ home })) - 1] });
  const hello = await client.request('hello');
  assert.equal(hello.ok, true);
  assert.equal(hello.policy.serial, 3);
  const [a, b] = await Promise.all([
    client.request('check', { handle: 'acmecars', user_id: '1500000000000000001', text: 'so cheap', action: 'post' }),
    client.request('check', { handle: 'acmecars', user_id: '1500000000000000001', text: 'fine', action: 'post' }),
  ]);
  assert.equal(a.verdict, 'block');
  assert.equal(b.verdict, 'allow');
  assert.equal(ports.length, 1, 'one host for the session');
  client.reset();
});

// Resolves when `child` has exited (at once if it already has).
const exited = (child) => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', resolve);
});

function silentHost(seconds = 30) {
  const program = path.join(home, 'silent.sh');
  writeFileSync(program, `#!/bin/sh\nexec sleep ${seconds}\n`);
  chmodSync(program, 0o755);
  return program;
}

test('a host killed while a request waits fails that request at once', async () => {
  const ports = [];
  const client = new NativeClient({ connect: () => ports[ports.push(hostPort({ home, program: silentHost() })) - 1], timeoutMs: 10_000 });
  const started = Date.now();
  const pending = client.request('hello');
  ports[0].child.kill('SIGKILL');
  await assert.rejects(pending, { code: 'host_unavailable' });
  assert.ok(Date.now() - started < 5000, 'not by the timeout');
});

test('after a host dies, the next request starts a new one', async () => {
  const ports = [];
  const client = new NativeClient({ connect: () => ports[ports.push(hostPort({ home })) - 1] });
  assert.equal((await client.request('hello')).ok, true);
  ports[0].child.kill('SIGKILL');
  await exited(ports[0].child);
  assert.equal(client.connected, false);
  assert.equal((await client.request('hello')).ok, true);
  assert.equal(ports.length, 2, 'a new host answered');
  client.reset();
});

test('a host that never answers fails the request after the timeout and is dropped', async () => {
  const silent = silentHost();
  const ports = [];
  const client = new NativeClient({ connect: () => ports[ports.push(hostPort({ home, program: silent })) - 1], timeoutMs: 300 });
  const started = Date.now();
  await assert.rejects(client.request('hello'), { code: 'host_timeout', detail: 'no answer within 300 ms' });
  assert.ok(Date.now() - started >= 290);
  assert.equal(client.connected, false, 'the silent host was dropped');
  await exited(ports[0].child);
});

test('a host that cannot start fails the request', async () => {
  const client = new NativeClient({ connect: () => hostPort({ home, program: path.join(home, 'no-such-host') }) });
  await assert.rejects(client.request('hello'), { code: 'host_unavailable' });
});
