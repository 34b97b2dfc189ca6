import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

/**
 * Starts Safari's engine for tests: Debian's `WebKitWebDriver` (package `webkit2gtk-driver`),
 * which opens WebKitGTK's MiniBrowser by itself for each session, on a display of its own
 * (`Xvfb`, package `xvfb`) so no window shows and none is needed. Both listen where nothing
 * else does: Xvfb picks a free display, the system hands out the driver's port. The browser
 * gets a new home directory, so it starts with nothing stored, and saves downloads there.
 * @returns {Promise<{ port: number, home: string, stop: () => Promise<void> }>} the driver's
 *   port, the browser's home, and `stop()`, which ends both processes and removes the home
 *   (the processes also end if this Node process exits first).
 */
export async function startWebKitDriver() {
  /** @type {ChildProcess[]} */
  const processes = [];
  const home = await mkdtemp(join(tmpdir(), 'webkit-home-'));
  const stop = async () => {
    // The driver first: it closes its browser, which needs the display.
    for (const child of processes) await ended(child);
    await rm(home, { recursive: true, force: true });
  };
  process.once('exit', () => {
    processes.forEach((child) => child.exitCode === null && child.kill());
    rmSync(home, { recursive: true, force: true });
  });
  try {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    processes.push(xvfb);
    const display = await displayOf(xvfb);
    const port = await freePort();
    const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
      env: { ...process.env, DISPLAY: `:${display}`, HOME: home },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    processes.unshift(driver);
    await untilReady(driver, port);
    return { port, home, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Ends a child process and resolves once it has.
 * @param {ChildProcess} child
 * @returns {Promise<void>}
 */
function ended(child) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}

/**
 * A port nothing listens on now (the driver takes it a moment later).
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * What a child wrote to its standard error, and why it stopped if it did.
 * @param {ChildProcess} child
 * @param {string} name
 * @param {string} packageName the Debian package that brings it
 */
function watch(child, name, packageName) {
  /** @type {{ stderr: string, failure: string | undefined }} */
  const state = { stderr: '', failure: undefined };
  child.stderr?.on('data', (/** @type {Buffer} */ chunk) => {
    state.stderr = (state.stderr + chunk).slice(-4000);
  });
  child.once('error', (error) => {
    state.failure = `${name} did not start (${error.message}): apt-get install ${packageName}`;
  });
  child.once('exit', (code) => {
    state.failure ??= `${name} exited (${code}): ${state.stderr.trim()}`;
  });
  return state;
}

/**
 * The display number Xvfb writes on descriptor 3 once it accepts connections.
 * @param {ChildProcess} xvfb
 * @returns {Promise<string>}
 */
function displayOf(xvfb) {
  const state = watch(xvfb, 'Xvfb', 'xvfb');
  return new Promise((resolve, reject) => {
    let written = '';
    xvfb.stdio[3]?.on('data', (/** @type {Buffer} */ chunk) => {
      written += chunk;
      if (written.includes('\n')) resolve(written.trim());
    });
    // An exit's code comes before its stderr is read to the end: give the rest a moment.
    xvfb.once('error', () => reject(new Error(state.failure)));
    xvfb.once('exit', () => setTimeout(() => reject(new Error(state.failure)), 100));
  });
}

/**
 * Resolves once the driver answers `/status` as ready; rejects if it stops or takes over 20 s.
 * @param {ChildProcess} driver
 * @param {number} port
 */
async function untilReady(driver, port) {
  const state = watch(driver, 'WebKitWebDriver', 'webkit2gtk-driver');
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && !state.failure) {
    try {
      const status = /** @type {{ value?: { ready?: boolean } }} */ (await (await fetch(`http://127.0.0.1:${port}/status`)).json());
      if (status.value?.ready) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(state.failure ?? `WebKitWebDriver was not ready on port ${port} after 20 s: ${state.stderr.trim()}`);
}
