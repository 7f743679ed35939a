// Starts Debian's Jupyter Notebook server on a free local port with a random
// token, and stops it again together with every kernel it started.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The Python that Debian's notebook package is installed for. */
export const PYTHON = '/usr/bin/python3';

/** freePort asks the kernel for an unused TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * startJupyter runs `python3 -m notebook` serving notebookDir.
 *
 * workDir receives the server's log, its config and runtime directories (so
 * that neither the user's Jupyter config nor other servers' files interfere,
 * and so that the kernels it starts can be found again: their command lines
 * name a connection file in that runtime directory). extraEnv is added to the
 * server's environment, which its kernels inherit.
 *
 * It resolves once GET /api answers, and rejects with the tail of the log if
 * the server exits or does not answer within startTimeoutMs.
 */
export async function startJupyter({ notebookDir, workDir, extraEnv = {}, startTimeoutMs = 60_000 }) {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const runtimeDir = path.join(workDir, 'runtime');
  const configDir = path.join(workDir, 'config');
  fs.mkdirSync(runtimeDir, { recursive: true });
  fs.mkdirSync(configDir, { recursive: true });
  const logPath = path.join(workDir, 'jupyter.log');
  const log = fs.openSync(logPath, 'w');

  const args = [
    '-m', 'notebook',
    '--no-browser',
    '--ip=127.0.0.1',
    `--port=${port}`,
    '--port-retries=0',
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${notebookDir}`,
  ];
  // Containers and CI machines often run as root, which the server refuses
  // unless told otherwise.
  if (process.getuid && process.getuid() === 0) args.push('--allow-root');
  // detached: the server leads its own process group, so that stopping it
  // also stops whatever it spawned in that group.
  const child = spawn(PYTHON, args, {
    cwd: notebookDir,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      JUPYTER_RUNTIME_DIR: runtimeDir,
      JUPYTER_CONFIG_DIR: configDir,
      ...extraEnv,
    },
  });
  fs.closeSync(log);

  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  child.on('error', (err) => { exited = { error: err }; });

  const server = {
    baseURL: `http://127.0.0.1:${port}`,
    token,
    logPath,
    runtimeDir,
    pid: child.pid,
    /** url joins a path to the server's address and adds the token. */
    url(p) {
      const sep = p.includes('?') ? '&' : '?';
      return `${this.baseURL}${p}${sep}token=${token}`;
    },
    /** api fetches a JSON endpoint of the REST API. */
    async api(p, init = {}) {
      const res = await fetch(this.url(p), init);
      if (!res.ok) throw new Error(`jupyter: ${init.method || 'GET'} ${p}: HTTP ${res.status}`);
      return res.status === 204 ? null : res.json();
    },
    logTail(lines = 30) { return tail(logPath, lines); },
    stop: () => stopJupyter(server, child, () => exited),
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      const why = exited.error ? exited.error.message : `exit code ${exited.code}, signal ${exited.signal}`;
      throw new Error(`jupyter: the server stopped while starting (${why}); its log ends with:\n${server.logTail()}`);
    }
    try {
      await server.api('/api');
      return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`jupyter: no answer on ${server.baseURL}/api after ${startTimeoutMs / 1000}s; its log ends with:\n${server.logTail()}`);
    }
    await sleep(250);
  }
}

/**
 * stopJupyter shuts the server's kernels down through the REST API, then
 * sends SIGTERM and, after a grace period, SIGKILL to the server's process
 * group. Kernels run in sessions of their own (jupyter_client starts them
 * with start_new_session), so any kernel still alive after that is found by
 * its connection file in our runtime directory and killed by pid.
 */
async function stopJupyter(server, child, exited) {
  if (!exited()) {
    try {
      const kernels = await withTimeout(server.api('/api/kernels'), 3000);
      await Promise.all(kernels.map((k) =>
        withTimeout(server.api(`/api/kernels/${k.id}`, { method: 'DELETE' }), 5000).catch(() => {})));
    } catch {
      // the server no longer answers: fall through to the signals
    }
    signalGroup(child.pid, 'SIGTERM');
    for (let i = 0; i < 50 && !exited(); i++) await sleep(100);
    if (!exited()) signalGroup(child.pid, 'SIGKILL');
  }
  for (const pid of pidsMentioning(server.runtimeDir)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

function signalGroup(pid, signal) {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

/** pidsMentioning lists the processes whose command line contains text. */
function pidsMentioning(text) {
  const pids = [];
  let entries = [];
  try { entries = fs.readdirSync('/proc'); } catch { return pids; }
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${e}/cmdline`, 'utf8');
      if (cmd.includes(text)) pids.push(Number(e));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return pids;
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (err) {
    return `(no log: ${err.message})`;
  }
}
