// Checks on a snapshot of the executed notebook (see snapshot in
// notebook-page.mjs). Each check returns a list of failures, each a sentence
// naming the cell and what is wrong; an empty list means the check passed.
// They are pure functions of plain data so that they can be tested without
// a browser.

import { firstLine } from './notebook-page.mjs';

/** The tutorial's number of epochs: the notebook keeps training_epochs = 5. */
export const TUTORIAL_EPOCHS = 5;

const where = (cell) => `cell ${cell.index} (${firstLine(cell.source)})`;

/** checkKernel: the page ran the kernel the notebook asks for. */
export function checkKernel(snap) {
  if (!snap.specName) return ['the notebook names no kernelspec in its metadata'];
  if (snap.kernelName !== snap.specName) {
    return [`the page runs kernel ${JSON.stringify(snap.kernelName)}, the notebook asks for ${JSON.stringify(snap.specName)}`];
  }
  return [];
}

/**
 * checkExecuted: every code cell ran, once, in order: a fresh kernel
 * running all cells numbers them 1, 2, 3, ... A cell that kept the count of
 * the cell before it was answered without being run, as a kernel does with
 * the cells queued after an error; those are reported together.
 */
export function checkExecuted(snap) {
  if (snap.cells.length === 0) return ['the notebook has no code cells'];
  const failures = [];
  const skipped = [];
  snap.cells.forEach((cell, i) => {
    const previous = i > 0 ? snap.cells[i - 1].executionCount : null;
    if (typeof cell.executionCount !== 'number') {
      failures.push(`${where(cell)} did not run: its prompt shows ${JSON.stringify(cell.executionCount)}`);
    } else if (i > 0 && cell.executionCount === previous) {
      skipped.push(cell.index);
    } else if (cell.executionCount !== i + 1) {
      failures.push(`${where(cell)} has execution count ${cell.executionCount}, expected ${i + 1} in a run of all cells`);
    }
  });
  if (skipped.length > 0) {
    const failed = snap.cells.find((c) => c.index < skipped[0] && c.outputs.some((o) => o.type === 'error'));
    const why = failed ? `, after the error in cell ${failed.index}` : '';
    failures.unshift(`the kernel did not run cell${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')}${why}`);
  }
  return failures;
}

/** stripANSI removes terminal colour codes from tracebacks. */
export function stripANSI(s) {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

/**
 * checkNoErrors: no cell shows an error, neither as an error output in the
 * model nor as an error element on the page, and nothing was written to
 * standard error (a red box in the bundled notebook is a defect too).
 */
export function checkNoErrors(snap) {
  const failures = [];
  for (const cell of snap.cells) {
    for (const o of cell.outputs) {
      if (o.type === 'error') {
        // the first lines of the traceback, indented under the message
        const tb = o.traceback ? stripANSI(o.traceback.join('\n')).split('\n').slice(0, 8).map((l) => `  ${l}`) : [];
        failures.push([`${where(cell)} shows an error: ${o.ename}: ${o.evalue}`, ...tb].join('\n'));
      } else if (o.type === 'stream' && o.name === 'stderr') {
        failures.push(`${where(cell)} wrote to standard error: ${stripANSI(o.text || '').trim().slice(0, 400)}`);
      }
    }
    const modelErrors = cell.outputs.filter((o) => o.type === 'error').length;
    if (cell.errorElements > modelErrors) {
      failures.push(`${where(cell)} renders ${cell.errorElements} error element(s) on the page`);
    }
  }
  return failures;
}

/** checkEveryCellHasOutput: every code cell of the notebook shows something. */
export function checkEveryCellHasOutput(snap) {
  return snap.cells
    .filter((cell) => cell.outputs.length === 0 || (cell.text.trim() === '' && cell.images.length === 0 && cell.svgs.length === 0))
    .map((cell) => `${where(cell)} shows no output`);
}

/** isPlotCell: the cell draws a plot with the rnn package. */
export const isPlotCell = (cell) => cell.source.includes('rnn.Plot');

/** MIN_PLOT_PIXELS is the least width and height of a plot: smaller is a placeholder. */
export const MIN_PLOT_PIXELS = 64;

/**
 * checkPlots: every plot cell has a PNG among its outputs that the browser
 * decodes to a picture of plot size, and shows a picture on the page: an
 * <img> of an inline PNG, decoded and laid out, or, where the output also
 * carries SVG (which Notebook 6 prefers), an inline <svg> with something
 * drawn in it. There must be plot cells at all.
 */
export function checkPlots(snap) {
  const plots = snap.cells.filter(isPlotCell);
  if (plots.length === 0) return ['no code cell calls rnn.Plot...: the notebook lost its plots'];
  const failures = [];
  for (const cell of plots) {
    if (cell.pngs.length === 0) failures.push(`${where(cell)} has no image/png output (outputs: ${describeOutputs(cell)})`);
    cell.pngs.forEach((png, i) => {
      const what = `${where(cell)} PNG output ${i + 1}`;
      if (png.error || png.width <= 0) failures.push(`${what} does not decode: ${png.error || 'no pixels'}`);
      else if (tooSmall(png.width, png.height)) failures.push(`${what} is ${png.width}x${png.height} pixels, too small for a plot`);
    });
    if (cell.images.length === 0 && cell.svgs.length === 0) {
      failures.push(`${where(cell)} shows no picture on the page (outputs: ${describeOutputs(cell)})`);
    }
    cell.images.forEach((img, i) => {
      const what = `${where(cell)} image ${i + 1}`;
      if (!img.srcStart.startsWith('data:image/png')) failures.push(`${what} is not an inline PNG: src starts ${JSON.stringify(img.srcStart)}`);
      if (!img.complete || img.naturalWidth <= 0 || img.naturalHeight <= 0) {
        failures.push(`${what} did not decode: complete ${img.complete}, natural size ${img.naturalWidth}x${img.naturalHeight}`);
      } else if (tooSmall(img.naturalWidth, img.naturalHeight)) {
        failures.push(`${what} is ${img.naturalWidth}x${img.naturalHeight} pixels, too small for a plot`);
      }
      if (img.shownWidth <= 0 || img.shownHeight <= 0) failures.push(`${what} takes no room on the page (${img.shownWidth}x${img.shownHeight})`);
    });
    cell.svgs.forEach((svg, i) => {
      const what = `${where(cell)} SVG picture ${i + 1}`;
      if (tooSmall(svg.shownWidth, svg.shownHeight)) failures.push(`${what} is shown at ${svg.shownWidth}x${svg.shownHeight}, too small for a plot`);
      if (svg.shapes === 0) failures.push(`${what} draws nothing`);
    });
  }
  return failures;
}

const tooSmall = (w, h) => w < MIN_PLOT_PIXELS || h < MIN_PLOT_PIXELS;

function describeOutputs(cell) {
  if (cell.outputs.length === 0) return 'none';
  return cell.outputs.map((o) => (o.type === 'stream' ? `${o.name} text` : `${o.type} [${o.mimes.join(', ')}]`)).join('; ');
}

/** isTrainingCell: the cell with the training loop and its progress bars. */
export const isTrainingCell = (cell) => cell.source.includes('display.NewProgress');

/**
 * checkProgress: the training cell shows one progress bar per epoch, each
 * full and labelled 100%.
 */
export function checkProgress(snap, epochs = TUTORIAL_EPOCHS) {
  const cell = snap.cells.find(isTrainingCell);
  if (!cell) return ['no code cell calls display.NewProgress: the training cell is missing'];
  const failures = [];
  if (cell.progress.length !== epochs) {
    failures.push(`${where(cell)} shows ${cell.progress.length} progress bar(s), expected one per epoch (${epochs})`);
  }
  cell.progress.forEach((p, i) => {
    const what = `${where(cell)} progress bar ${i + 1}`;
    if (p.value === null || !(p.max > 0) || p.value !== p.max) failures.push(`${what} is not full: value ${p.value} of ${p.max}`);
    if (!p.parts.includes('100%')) failures.push(`${what} does not read 100%: ${JSON.stringify(p.parts.join(' '))}`);
  });
  return failures;
}

/**
 * tutorialLines is what the tutorial printed, as patterns in order: the
 * four READY lines, then per epoch its cost and both accuracies, then
 * FINISHED. Numbers are captured for checkTutorialLines.
 */
export function tutorialLines(epochs = TUTORIAL_EPOCHS) {
  const pad = (n) => String(n).padStart(3, '0');
  const lines = ['MNIST DATA READY', 'NETWORK READY', 'RNN READY', 'FUNCTION READY']
    .map((s) => ({ label: s, re: new RegExp(`^${s}$`) }));
  for (let e = 1; e <= epochs; e++) {
    lines.push(
      { label: `Epoch: ${pad(e)}/${pad(epochs)} cost: ...`, re: new RegExp(`^Epoch: ${pad(e)}/${pad(epochs)} cost: (\\d+\\.\\d{9})$`), cost: true },
      { label: ' Training accuracy: ...', re: /^ ?Training accuracy: (\d\.\d{3})$/, accuracy: true },
      { label: ' Test accuracy: ...', re: /^ ?Test accuracy: (\d\.\d{3})$/, accuracy: true },
    );
  }
  lines.push({ label: 'FINISHED', re: /^FINISHED$/ });
  return lines;
}

/**
 * findInOrder looks for each pattern in turn in lines, each after the line
 * the previous one matched (other lines may come between). It returns the
 * matched lines and, at the first pattern that fails, a failure saying
 * whether the line is missing or out of order.
 */
export function findInOrder(lines, patterns) {
  const matches = [];
  let at = 0;
  for (const want of patterns) {
    const found = lines.findIndex((line, i) => i >= at && want.re.test(line));
    if (found < 0) {
      const previous = at > 0 ? JSON.stringify(lines[at - 1]) : 'the start';
      const elsewhere = lines.findIndex((line) => want.re.test(line));
      const failure = elsewhere >= 0
        ? `the line ${JSON.stringify(lines[elsewhere])} is out of order: it should follow ${previous} but comes before it`
        : `the line ${JSON.stringify(want.label)} is missing (expected after ${previous})`;
      return { matches, failure };
    }
    matches.push({ want, line: lines[found] });
    at = found + 1;
  }
  return { matches, failure: null };
}

/** shownLines splits the text cells show into lines without trailing blanks. */
const shownLines = (cells) => cells.flatMap((cell) => cell.text.split('\n').map((line) => line.replace(/\s+$/, '')));

/**
 * checkTutorialLines: the text the page shows, read cell after cell, holds
 * the tutorial's printed lines in order (other lines may come between).
 * The costs must be finite and fall from the first epoch to the last, the
 * accuracies must lie in [0, 1].
 */
export function checkTutorialLines(snap, epochs = TUTORIAL_EPOCHS) {
  const { matches, failure } = findInOrder(shownLines(snap.cells), tutorialLines(epochs));
  const failures = failure ? [`${failure} in the notebook's output`] : [];
  const costs = [];
  for (const { want, line } of matches) {
    const value = Number(line.match(want.re)[1]);
    if (want.cost) {
      if (!Number.isFinite(value) || value <= 0) failures.push(`bad cost in ${JSON.stringify(line)}`);
      costs.push(value);
    }
    if (want.accuracy && !(value >= 0 && value <= 1)) failures.push(`accuracy out of [0, 1] in ${JSON.stringify(line)}`);
  }
  if (!failure && costs.length >= 2 && !(costs[costs.length - 1] < costs[0])) {
    failures.push(`training did not lower the cost: epoch 1 ${costs[0]}, epoch ${costs.length} ${costs[costs.length - 1]}`);
  }
  return failures;
}

/**
 * checkTrainingOrder: in the training cell, each epoch's output comes in
 * the order the code produces it: its progress bar, then its cost and
 * accuracy lines, all before the next epoch's bar. Text printed before a
 * bar must not show up after it.
 */
export function checkTrainingOrder(snap, epochs = TUTORIAL_EPOCHS) {
  const cell = snap.cells.find(isTrainingCell);
  if (!cell) return ['no code cell calls display.NewProgress: the training cell is missing'];
  const tutorial = tutorialLines(epochs);
  const patterns = [];
  for (let e = 1; e <= epochs; e++) {
    patterns.push({ label: `Epoch ${e}/${epochs} (progress bar)`, re: new RegExp(`^Epoch ${e}/${epochs}`) },
      ...tutorial.slice(4 + 3 * (e - 1), 4 + 3 * e));
  }
  patterns.push(tutorial[tutorial.length - 1]);
  const { failure } = findInOrder(shownLines([cell]), patterns);
  return failure ? [`${where(cell)}: ${failure}`] : [];
}

/**
 * checkNoPrintResults: no cell shows the results of a fmt.Print call
 * (bytes written and a nil error, like "Out[1]: 17 <nil>") as its value.
 */
export function checkNoPrintResults(snap) {
  const failures = [];
  for (const cell of snap.cells) {
    for (const o of cell.outputs) {
      if (o.type === 'execute_result' && /^\d+ <nil>$/.test((o.plain || '').trim())) {
        failures.push(`${where(cell)} shows ${JSON.stringify(o.plain.trim())} as its value: the results of its last fmt.Print call`);
      }
    }
  }
  return failures;
}

/** allChecks runs every check and returns [name, failures] pairs. */
export function allChecks(snap) {
  return [
    ['the kernel is the notebook\'s', checkKernel(snap)],
    ['every code cell ran, in order', checkExecuted(snap)],
    ['no errors', checkNoErrors(snap)],
    ['every code cell shows output', checkEveryCellHasOutput(snap)],
    ['every plot is shown and its PNG decodes', checkPlots(snap)],
    ['the progress bars reach 100%', checkProgress(snap)],
    ['the tutorial\'s lines, in order', checkTutorialLines(snap)],
    ['each epoch\'s bar and lines, in order', checkTrainingOrder(snap)],
    ['no fmt.Print results shown as values', checkNoPrintResults(snap)],
  ];
}
