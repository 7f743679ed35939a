// Drives the classic Notebook 6 front end in a Playwright page: waits for
// its kernel, runs every cell, follows the run, and reads back what the page
// shows.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Kernel events after which the run cannot finish normally. */
const FATAL_KERNEL_EVENTS = ['kernel_dead.Kernel', 'kernel_restarting.Kernel', 'kernel_killed.Kernel',
  'kernel_connection_failed.Kernel'];

/**
 * kernelState reads the kernel indicator, the kernel's name, and any modal
 * dialog the front end opened (for instance "Kernel not found").
 */
function kernelState(page) {
  return page.evaluate(() => {
    const nb = window.Jupyter && window.Jupyter.notebook;
    const icon = document.querySelector('#kernel_indicator_icon');
    const dialog = [...document.querySelectorAll('.modal.in, .modal[style*="display: block"]')]
      .map((m) => m.innerText.trim()).filter(Boolean).join('\n');
    return {
      loaded: Boolean(nb && nb._fully_loaded),
      connected: Boolean(nb && nb.kernel && nb.kernel.is_connected()),
      name: nb && nb.kernel ? nb.kernel.name : null,
      specName: nb && nb.metadata && nb.metadata.kernelspec ? nb.metadata.kernelspec.name : null,
      idle: Boolean(icon && icon.classList.contains('kernel_idle_icon')),
      busy: Boolean(icon && icon.classList.contains('kernel_busy_icon')),
      dead: Boolean(icon && (icon.classList.contains('kernel_dead_icon')
        || icon.classList.contains('kernel_disconnected_icon'))),
      events: window.__gornnKernelEvents || [],
      dialog,
    };
  });
}

/**
 * waitForKernel waits until the notebook is loaded and its kernel connected
 * and idle. It fails at once on a modal dialog or a dead kernel, naming it.
 */
export async function waitForKernel(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let s;
  for (;;) {
    s = await kernelState(page);
    if (s.dialog) throw new Error(`notebook: a dialog opened instead of a ready kernel:\n${s.dialog}`);
    if (s.dead) throw new Error(`notebook: kernel ${s.name || s.specName} is dead or disconnected before any cell ran`);
    if (s.loaded && s.connected && s.idle) return s;
    if (Date.now() > deadline) {
      throw new Error(`notebook: kernel not ready after ${timeoutMs / 1000}s `
        + `(loaded ${s.loaded}, connected ${s.connected}, idle ${s.idle}, kernel ${s.name})`);
    }
    await sleep(250);
  }
}

/**
 * runAllCells clears every output (so that nothing from the saved file can
 * pass for a result of this run), starts listening for fatal kernel events,
 * and runs all cells as Cell > Run All does. It returns the number of code
 * cells.
 */
export async function runAllCells(page) {
  return page.evaluate((fatal) => {
    const nb = window.Jupyter.notebook;
    window.__gornnKernelEvents = [];
    nb.events.on(fatal.join(' '), (e) => { window.__gornnKernelEvents.push(`${e.type}.${e.namespace}`); });
    const code = nb.get_cells().filter((c) => c.cell_type === 'code');
    nb.clear_all_output();
    code.forEach((c) => c.set_input_prompt(null));
    nb.execute_all_cells();
    return code.length;
  }, FATAL_KERNEL_EVENTS);
}

/** cellProgress reads each code cell's prompt and the first line of its source. */
function cellProgress(page) {
  return page.evaluate(() => window.Jupyter.notebook.get_cells()
    .map((c, index) => ({ index, type: c.cell_type, prompt: c.input_prompt_number, source: c.get_text() }))
    .filter((c) => c.type === 'code'));
}

/**
 * waitForRunToEnd follows a Run All until no cell is queued or running and
 * the kernel is idle, three polls in a row. It logs each cell as it
 * finishes, fails at once if the kernel dies or restarts, and fails after
 * timeoutMs naming the cell that is still running.
 */
export async function waitForRunToEnd(page, timeoutMs, log) {
  const start = Date.now();
  const reported = new Set();
  let quiet = 0;
  for (;;) {
    const [k, cells] = await Promise.all([kernelState(page), cellProgress(page)]);
    for (const c of cells) {
      if (typeof c.prompt === 'number' && !reported.has(c.index)) {
        reported.add(c.index);
        log(`  cell ${c.index} [${c.prompt}] done at ${((Date.now() - start) / 1000).toFixed(1)}s: ${firstLine(c.source)}`);
      }
    }
    const running = cells.find((c) => c.prompt === '*');
    const fatal = k.events.filter((e) => FATAL_KERNEL_EVENTS.includes(e));
    if (fatal.length > 0 || k.dead) {
      const where = running ? ` while running cell ${running.index} (${firstLine(running.source)})` : '';
      throw new Error(`notebook: the kernel stopped${where}: ${fatal.join(', ') || 'indicator shows it dead'}`);
    }
    if (k.dialog) throw new Error(`notebook: a dialog opened during the run:\n${k.dialog}`);
    quiet = !running && k.idle ? quiet + 1 : 0;
    if (quiet >= 3) return cells;
    if (Date.now() - start > timeoutMs) {
      const where = running ? `cell ${running.index} (${firstLine(running.source)}) is still running` : 'the kernel is still busy';
      throw new Error(`notebook: the run did not end within ${timeoutMs / 1000}s: ${where}`);
    }
    await sleep(500);
  }
}

/** firstLine is the first non-blank line of a cell's source, for messages. */
export function firstLine(source) {
  const line = source.split('\n').find((l) => l.trim() !== '') || '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/**
 * snapshot reads, for every code cell, what the notebook model holds and
 * what the page renders: prompt, outputs, the visible output text, error
 * elements, images, inline SVG pictures and progress elements. Every PNG in
 * the cell's outputs is also decoded by the browser, whether or not the
 * front end chose to show it (Notebook 6 prefers SVG when a bundle has
 * both). The result is plain data for the checks in checks.mjs.
 */
export function snapshot(page) {
  return page.evaluate(async () => {
    const nb = window.Jupyter.notebook;
    const cells = nb.get_cells().map((c, index) => ({ c, index })).filter(({ c }) => c.cell_type === 'code');

    // decodePNG loads base64 PNG data into an image element.
    const decodePNG = async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${String(data).replace(/\s+/g, '')}`;
      try {
        await img.decode();
        return { width: img.naturalWidth, height: img.naturalHeight, error: null };
      } catch (err) {
        return { width: 0, height: 0, error: String(err && err.message ? err.message : err) };
      }
    };
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { shownWidth: r.width, shownHeight: r.height };
    };

    return {
      kernelName: nb.kernel ? nb.kernel.name : null,
      specName: nb.metadata && nb.metadata.kernelspec ? nb.metadata.kernelspec.name : null,
      cells: await Promise.all(cells.map(async ({ c, index }) => {
        const area = c.output_area.element[0];
        const outputs = c.output_area.outputs;
        return {
          index,
          source: c.get_text(),
          executionCount: c.input_prompt_number === undefined ? null : c.input_prompt_number,
          outputs: outputs.map((o) => ({
            type: o.output_type,
            name: o.name || null,
            text: typeof o.text === 'string' ? o.text : Array.isArray(o.text) ? o.text.join('') : null,
            ename: o.ename || null,
            evalue: o.evalue || null,
            traceback: o.traceback || null,
            mimes: o.data ? Object.keys(o.data) : [],
            plain: o.data && typeof o.data['text/plain'] === 'string' ? o.data['text/plain'].slice(0, 200) : null,
          })),
          text: area.innerText,
          errorElements: area.querySelectorAll('.output_error').length,
          images: [...area.querySelectorAll('img')].map((img) => ({
            srcStart: img.src.slice(0, 40),
            complete: img.complete,
            naturalWidth: img.naturalWidth,
            naturalHeight: img.naturalHeight,
            ...box(img),
          })),
          svgs: [...area.querySelectorAll('svg')]
            .filter((svg) => !svg.parentElement.closest('svg'))
            .map((svg) => ({ shapes: svg.querySelectorAll('path, rect, line, polyline, polygon, circle, text, image').length, ...box(svg) })),
          pngs: await Promise.all(outputs.filter((o) => o.data && o.data['image/png']).map((o) => decodePNG(o.data['image/png']))),
          progress: [...area.querySelectorAll('progress')].map((p) => ({
            value: p.hasAttribute('value') ? p.value : null,
            max: p.max,
            // the bar's siblings one by one: innerText runs adjacent spans together
            parts: p.parentElement ? [...p.parentElement.children].map((e) => e.textContent.trim()).filter(Boolean) : [],
          })),
        };
      })),
    };
  });
}
