// Runs the bundled notebook, notebooks/mnist_rnn.ipynb, on the gornn kernel
// in Debian's Chromium, the way a user would: Jupyter Notebook serves a
// temporary copy of notebooks/, the page runs all cells, and the test checks
// what the page then shows (no errors, every plot a decoded image, full
// progress bars, the tutorial's printed lines in order). It saves a
// full-page screenshot under build/screenshots/.
//
//   node notebook.mjs [--timeout=SECONDS] [path/to/notebook.ipynb]
//
// --timeout bounds the run of all cells (default 300 seconds).
//
// The notebook's directory is copied, never served in place: the server
// autosaves. GORNN_QUICK=1 is set for the server, and so for the kernel, so
// that training takes seconds. Exit status 0 means every check passed.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { allChecks } from './lib/checks.mjs';
import { runAllCells, snapshot, waitForKernel, waitForRunToEnd } from './lib/notebook-page.mjs';
import { saveScreenshots } from './lib/screenshot.mjs';
import { startJupyter } from './lib/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_NOTEBOOK = path.join(ROOT, 'notebooks', 'mnist_rnn.ipynb');
const SCREENSHOT_DIR = path.join(ROOT, 'build', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';

const KERNEL_READY_TIMEOUT_MS = 90_000;
const RUN_TIMEOUT_MS = 5 * 60_000;

// Chromium flags for a quiet, offline, headless run.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const log = (msg) => console.log(msg);

/** The server once started, to show its log if the test fails. */
let runningServer = null;

/** Everything to undo on exit, in reverse order of creation. */
const cleanups = [];
let cleaning = null;

/**
 * cleanUp undoes everything once; a signal arriving while the test fails
 * (or the other way round) waits for the same clean-up.
 */
function cleanUp() {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const [what, fn] = cleanups.pop();
      try {
        await fn();
      } catch (err) {
        console.error(`notebook test: cleaning up ${what}: ${err.message}`);
      }
    }
  })();
  return cleaning;
}

/** The signal that stopped the test, if one did. */
let interrupted = null;
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
for (const [signal, number] of Object.entries(SIGNAL_NUMBERS)) {
  process.on(signal, async () => {
    interrupted = signal;
    console.error(`notebook test: ${signal}, stopping the server and the browser`);
    await cleanUp();
    process.exit(128 + number);
  });
}

async function main() {
  const { notebookPath, runTimeoutMs } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(notebookPath)) throw new Error(`no notebook at ${notebookPath}`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const notebookName = path.basename(notebookPath);
  const spec = kernelspecOf(notebookPath);

  const originalHash = fileHash(notebookPath);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gornn-browser-'));
  cleanups.push(['the temporary directory', () => fs.rmSync(workDir, { recursive: true, force: true })]);
  const servedDir = path.join(workDir, 'notebooks');
  fs.cpSync(path.dirname(notebookPath), servedDir, { recursive: true });

  log(`notebook test: serving a copy of ${shortPath(notebookPath)} from ${servedDir}`);
  const server = await startJupyter({ notebookDir: servedDir, workDir, extraEnv: { GORNN_QUICK: '1' } });
  cleanups.push(['the Jupyter server', () => server.stop()]);
  runningServer = server;
  log(`notebook test: Jupyter Notebook ${server.baseURL}`);

  const specs = await server.api('/api/kernelspecs');
  if (!specs.kernelspecs[spec]) {
    throw new Error(`the notebook needs kernelspec ${JSON.stringify(spec)}, Jupyter knows only `
      + `${Object.keys(specs.kernelspecs).join(', ')}; the gornn kernelspec is installed by build/bin/rnnkernel install`);
  }

  // Our signal handlers stop the server too; Playwright's own would only
  // close the browser and exit.
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  cleanups.push(['Chromium', () => browser.close()]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await page.goto(server.url(`/notebooks/${encodeURIComponent(notebookName)}`), { waitUntil: 'load' });
  const kernel = await waitForKernel(page, KERNEL_READY_TIMEOUT_MS);
  log(`notebook test: kernel ${kernel.name} is ready; running all cells`);

  const codeCells = await runAllCells(page);
  log(`notebook test: ${codeCells} code cells queued`);
  let runError = null;
  try {
    await waitForRunToEnd(page, runTimeoutMs, log);
  } catch (err) {
    runError = err; // still take the screenshots: they show where it stopped
  }

  const shots = await saveScreenshots(page, SCREENSHOT_DIR, path.basename(notebookName, '.ipynb'));
  for (const s of shots) log(`notebook test: screenshot ${s}`);
  if (runError) throw runError;

  const snap = await snapshot(page);
  let failed = 0;
  for (const [name, failures] of allChecks(snap)) {
    if (failures.length === 0) {
      log(`  ok    ${name}`);
      continue;
    }
    failed++;
    log(`  FAIL  ${name}`);
    for (const f of failures) log(`        ${f.split('\n').join('\n        ')}`);
  }
  if (pageErrors.length > 0) {
    log(`notebook test: the page raised ${pageErrors.length} JavaScript error(s):`);
    for (const e of pageErrors) log(`        ${e}`);
  }
  // The server autosaves the copy it serves; the original must not change.
  if (fileHash(notebookPath) !== originalHash) {
    failed++;
    log(`  FAIL  ${shortPath(notebookPath)} changed during the test: only its copy should have been served`);
  }
  if (failed > 0) throw new Error(`${failed} check(s) failed`);
  log(`notebook test: passed (${codeCells} code cells)`);
}

/** parseArgs reads [--timeout=SECONDS] [notebook.ipynb]. */
function parseArgs(args) {
  let notebookPath = DEFAULT_NOTEBOOK;
  let runTimeoutMs = RUN_TIMEOUT_MS;
  for (const arg of args) {
    const timeout = arg.match(/^--timeout=(.*)$/);
    if (timeout) {
      const seconds = Number(timeout[1]);
      if (!(seconds > 0)) throw new Error(`--timeout wants a number of seconds above zero, not ${JSON.stringify(timeout[1])}`);
      runTimeoutMs = seconds * 1000;
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}; usage: node notebook.mjs [--timeout=SECONDS] [notebook.ipynb]`);
    } else {
      notebookPath = path.resolve(arg);
    }
  }
  return { notebookPath, runTimeoutMs };
}

/** fileHash is the SHA-256 of a file's content. */
function fileHash(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** shortPath names a file relative to the repository if it lies inside it. */
function shortPath(file) {
  const rel = path.relative(ROOT, file);
  return rel.startsWith('..') ? file : rel;
}

/** kernelspecOf reads the kernelspec name from a notebook's metadata. */
function kernelspecOf(file) {
  let nb;
  try {
    nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not a notebook: ${err.message}`);
  }
  const name = nb.metadata && nb.metadata.kernelspec && nb.metadata.kernelspec.name;
  if (!name) throw new Error(`${file}: metadata.kernelspec.name is missing`);
  return name;
}

let status = 0;
try {
  await main();
} catch (err) {
  if (!interrupted) {
    console.error(`notebook test: FAILED: ${err.message}`);
    if (runningServer) console.error(`notebook test: the Jupyter server's log ends with:\n${runningServer.logTail(40)}`);
  }
  status = 1;
} finally {
  await cleanUp();
}
process.exit(interrupted ? 128 + SIGNAL_NUMBERS[interrupted] : status);
