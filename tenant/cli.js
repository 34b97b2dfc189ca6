#!/usr/bin/env node
// Start the stand-in tenant from the command line:
//   node tenant/cli.js [--port 3001] [--host 127.0.0.1] [--origin http://localhost:5173 ...]

import { parseArgs } from 'node:util';
import { startTenant } from './server.js';

const usage = 'Usage: node tenant/cli.js [--port 3001] [--host 127.0.0.1] [--origin <origin> ...]';

/** @returns {{ port: number, host: string, origins: string[] }} */
function readArgs() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3001' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${values.port}`);
  return { port, host: String(values.host), origins: /** @type {string[]} */ (values.origin) };
}

async function main() {
  let args;
  try {
    args = readArgs();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  const tenant = await startTenant({ port: args.port, host: args.host, allowedOrigins: args.origins });
  console.log(`Stand-in tenant listening on ${tenant.url}`);

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
