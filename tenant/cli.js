#!/usr/bin/env node
// Start the stand-in tenant from the command line:
//   node tenant/cli.js [--port 3001] [--https-port 3443] [--host 127.0.0.1] [--origin http://localhost:5173 ...]
// With --https-port it also listens on HTTPS (what Auth0's browser SDK calls), with a certificate
// made at start; it prints the certificate's SPKI hash for Chromium's
// --ignore-certificate-errors-spki-list, and GET /__control/https answers its PEM.

import { parseArgs } from 'node:util';
import { startTenant } from './server.js';

const usage = 'Usage: node tenant/cli.js [--port 3001] [--https-port <port>] [--host 127.0.0.1] [--origin <origin> ...]';

/**
 * @param {string} name
 * @param {string} value
 */
function portNumber(name, value) {
  const port = Number(value);
  if (value === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --${name}: ${value}`);
  return port;
}

/** @returns {{ port: number, httpsPort: number | undefined, host: string, origins: string[] }} */
function readArgs() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3001' },
      'https-port': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = portNumber('port', String(values.port));
  const httpsPort = values['https-port'] === undefined ? undefined : portNumber('https-port', values['https-port']);
  return { port, httpsPort, host: String(values.host), origins: /** @type {string[]} */ (values.origin) };
}

async function main() {
  let args;
  try {
    args = readArgs();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  const tenant = await startTenant({ port: args.port, host: args.host, allowedOrigins: args.origins, ...(args.httpsPort !== undefined && { https: { port: args.httpsPort } }) });
  console.log(`Stand-in tenant listening on ${tenant.url}`);
  if (tenant.httpsUrl && tenant.certificate) {
    console.log(`Stand-in tenant listening on ${tenant.httpsUrl} (certificate SPKI SHA-256: ${tenant.certificate.spkiSha256})`);
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    tenant.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`Stand-in tenant failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
