// Starting and stopping a local HTTP server for tests and tools: the stand-in tenant, the bench
// pages' server and the examples' harness all need the same two things.

/**
 * Listens on `host`:`port` (0: a free port) and returns the port with a `close()` that also ends
 * open connections: keep-alive and hanging sockets would otherwise hold it (and a test run) open.
 * @param {import('node:net').Server} server an http or https server (anything that listens)
 * @param {number} port
 * @param {string} host
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export async function listen(server, port, host) {
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  return {
    port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
    close() {
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      for (const socket of sockets) socket.destroy();
      return closed.then(() => undefined);
    },
  };
}
