// Serves the replica over real HTTPS on loopback, for browsers that Playwright cannot route
// (Firefox ESR). The browser is pointed at an HTTP proxy on 127.0.0.1:<free port>; the proxy
// accepts CONNECT only for X's hosts and hands the tunnel to an in-process HTTPS server with a
// throw-away self-signed certificate (the browser is started to accept it). Any other host is
// refused, so nothing leaves the machine and several suites can run at once without port 443.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

import { X_ROUTE } from './replica.mjs';

const X_HOSTS = ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com', 'pro.x.com'];

// Returns {key, cert} of a new self-signed certificate for X's hosts (openssl, as Debian ships it).
function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hg-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const names = X_HOSTS.map((host) => `DNS:${host}`).join(',');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=x.com', '-addext', `subjectAltName=${names}`], { stdio: 'pipe' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Starts the proxy and HTTPS server for `replica`; resolves {port, close()}.
export async function startReplicaServer(replica) {
  const site = https.createServer(selfSignedCertificate(), (request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const url = `https://${request.headers.host}${request.url}`;
      const reply = X_ROUTE.test(url)
        ? replica.answer({
          method: request.method,
          url,
          headers: request.headers,
          body: chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : null,
          isDocument: request.headers['sec-fetch-dest'] === 'document',
        })
        : { status: 421, contentType: 'text/plain', body: 'not an X host' };
      setTimeout(() => {
        response.writeHead(reply.status, { 'content-type': reply.contentType });
        response.end(reply.body);
      }, reply.delayMs ?? 0);
    });
  });
  const proxy = http.createServer((request, response) => {
    response.writeHead(403); // plain HTTP never reaches the replica: X is HTTPS only
    response.end();
  });
  const tunnels = new Set();
  proxy.on('connect', (request, socket) => {
    const [host, port] = request.url.split(':');
    if (!X_HOSTS.includes(host) || port !== '443') {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    site.emit('connection', socket);
  });
  await new Promise((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: proxy.address().port,
    async close() {
      for (const socket of tunnels) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
      site.close();
    },
  };
}
