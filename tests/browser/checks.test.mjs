// Tests of the checks on notebook snapshots, without a browser:
//   node --test
// A snapshot as a good run of mnist_rnn.ipynb leaves it must pass every
// check; each defect of the table must be caught by its check, with a
// message that names the problem.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  allChecks, checkEveryCellHasOutput, checkExecuted, checkKernel, checkNoErrors, checkNoPrintResults, checkPlots,
  checkProgress, checkTrainingOrder, checkTutorialLines, findInOrder, stripANSI, tutorialLines,
} from './lib/checks.mjs';

const png = { srcStart: 'data:image/png;base64,iVBORw0KGgoAAAANSUhE', complete: true, naturalWidth: 640, naturalHeight: 480, shownWidth: 640, shownHeight: 480 };
const decoded = { width: 640, height: 480, error: null };
const svg = { shapes: 120, shownWidth: 480, shownHeight: 360 };
const stream = (text) => ({ type: 'stream', name: 'stdout', text, ename: null, evalue: null, traceback: null, mimes: [], plain: null });
const display = (...mimes) => ({ type: 'display_data', name: null, text: null, ename: null, evalue: null, traceback: null, mimes, plain: mimes.includes('text/plain') ? '<plot>' : null });
const result = (plain) => ({ type: 'execute_result', name: null, text: null, ename: null, evalue: null, traceback: null, mimes: ['text/plain'], plain });

function trainingText() {
  const lines = [];
  const costs = [0.9, 0.6, 0.45, 0.4, 0.35];
  costs.forEach((c, i) => {
    lines.push(`Epoch ${i + 1}/5\n100%\n40/40 [00:01<00:00, 35.2 it/s]`);
    lines.push(`Epoch: 00${i + 1}/005 cost: ${c.toFixed(9)}`, ` Training accuracy: 0.${70 + i}0`, ` Test accuracy: 0.${60 + i}5`);
  });
  lines.push('FINISHED');
  return lines.join('\n');
}

/** goodSnapshot is what a successful run of the tutorial part looks like. */
function goodSnapshot() {
  let n = 0;
  const cell = (source, outputs, extra = {}) => {
    n++;
    return {
      index: 2 * n, source, executionCount: n, outputs, errorElements: 0, images: [], svgs: [], pngs: [], progress: [],
      text: outputs.filter((o) => o.type === 'stream').map((o) => o.text).join(''), ...extra,
    };
  };
  const bars = [1, 2, 3, 4, 5].map((e) => ({ value: 40, max: 40, parts: [`Epoch ${e}/5`, '100%', '40/40 [00:01<00:00, 35.2 it/s]'] }));
  return {
    kernelName: 'gornn',
    specName: 'gornn',
    cells: [
      cell('import (\n\t"fmt"\n)\nfmt.Println("MNIST DATA READY")', [stream('MNIST DATA READY\n')]),
      cell('fmt.Println("NETWORK READY")', [stream('NETWORK READY\n')]),
      cell('func RNN() {}\nfmt.Println("RNN READY")', [stream('RNN READY\n')]),
      cell('fmt.Println("FUNCTION READY")', [stream('FUNCTION READY\n')]),
      cell('bar := display.NewProgress(total_batch, "")', [display('text/html', 'text/plain'), stream('...')],
        { text: trainingText(), progress: bars }),
      cell('rnn.PlotLearningCurves(costs, trainAccs, testAccs)', [display('image/png')], { text: '', images: [png], pngs: [decoded] }),
      cell('rnn.PlotDigits(imgs, truth, predicted, 10)', [display('image/png')], { text: '', images: [png, png], pngs: [decoded, decoded] }),
      cell('rnn.PlotConfusion(truth, predicted, 10)', [display('image/png', 'image/svg+xml')], { text: '', svgs: [svg], pngs: [decoded] }),
    ],
  };
}

test('a good run passes every check', () => {
  for (const [name, failures] of allChecks(goodSnapshot())) {
    assert.deepEqual(failures, [], `check "${name}"`);
  }
});

const defects = [
  {
    name: 'another kernel ran the page',
    check: checkKernel,
    spoil: (s) => { s.kernelName = 'python3'; },
    want: /runs kernel "python3", the notebook asks for "gornn"/,
  },
  {
    name: 'a cell never ran',
    check: checkExecuted,
    spoil: (s) => { s.cells[3].executionCount = null; },
    want: /cell 8 \(fmt.Println\("FUNCTION READY"\)\) did not run/,
  },
  {
    name: 'cells aborted after an error',
    check: checkExecuted,
    spoil: (s) => {
      s.cells[1].outputs.push({ type: 'error', name: null, text: null, ename: 'Panic', evalue: 'x', traceback: [], mimes: [] });
      for (let i = 2; i < s.cells.length; i++) s.cells[i].executionCount = 2;
    },
    want: /^the kernel did not run cells 6, 8, 10, 12, 14, 16, after the error in cell 4$/,
  },
  {
    name: 'a cell still shows a stale count',
    check: checkExecuted,
    spoil: (s) => { s.cells[2].executionCount = 17; },
    want: /execution count 17, expected 3/,
  },
  {
    name: 'an error output',
    check: checkNoErrors,
    spoil: (s) => {
      s.cells[1].outputs.push({ type: 'error', name: null, text: null, ename: 'Panic', evalue: 'index out of range', traceback: ['\x1b[31mgoroutine 1\x1b[0m', 'main.go:3'], mimes: [] });
    },
    want: /cell 4 .* shows an error: Panic: index out of range\n {2}goroutine 1\n {2}main.go:3/,
  },
  {
    name: 'text on standard error',
    check: checkNoErrors,
    spoil: (s) => { s.cells[0].outputs.push({ ...stream('warning: slow\n'), name: 'stderr' }); },
    want: /wrote to standard error: warning: slow/,
  },
  {
    name: 'an error element the model does not know of',
    check: checkNoErrors,
    spoil: (s) => { s.cells[0].errorElements = 1; },
    want: /renders 1 error element/,
  },
  {
    name: 'a cell without output',
    check: checkEveryCellHasOutput,
    spoil: (s) => { s.cells[2].outputs = []; s.cells[2].text = ''; },
    want: /cell 6 \(func RNN\(\) \{\}\) shows no output/,
  },
  {
    name: 'a plot cell without image',
    check: checkPlots,
    spoil: (s) => { s.cells[5].images = []; s.cells[5].pngs = []; s.cells[5].outputs = [display('text/plain')]; },
    want: /PlotLearningCurves.* has no image\/png output \(outputs: display_data \[text\/plain\]\)[\s\S]*PlotLearningCurves.* shows no picture on the page/,
  },
  {
    name: 'a broken image',
    check: checkPlots,
    spoil: (s) => { s.cells[6].images[1] = { ...png, naturalWidth: 0, complete: true }; },
    want: /image 2 did not decode: complete true, natural size 0x480/,
  },
  {
    name: 'a placeholder image',
    check: checkPlots,
    spoil: (s) => { s.cells[5].images[0] = { ...png, naturalWidth: 1, naturalHeight: 1 }; },
    want: /image 1 is 1x1 pixels, too small for a plot/,
  },
  {
    name: 'a PNG output that does not decode',
    check: checkPlots,
    spoil: (s) => { s.cells[6].pngs[1] = { width: 0, height: 0, error: 'EncodingError: The source image cannot be decoded.' }; },
    want: /PlotDigits.* PNG output 2 does not decode: EncodingError/,
  },
  {
    name: 'an empty SVG picture',
    check: checkPlots,
    spoil: (s) => { s.cells[7].svgs[0] = { ...svg, shapes: 0 }; },
    want: /PlotConfusion.* SVG picture 1 draws nothing/,
  },
  {
    name: 'a collapsed SVG picture',
    check: checkPlots,
    spoil: (s) => { s.cells[7].svgs[0] = { ...svg, shownHeight: 0 }; },
    want: /SVG picture 1 is shown at 480x0, too small/,
  },
  {
    name: 'a plot shown as SVG without a PNG beside it',
    check: checkPlots,
    spoil: (s) => { s.cells[7].pngs = []; s.cells[7].outputs = [display('image/svg+xml')]; },
    want: /PlotConfusion.* has no image\/png output/,
  },
  {
    name: 'an <img> that is not a PNG',
    check: checkPlots,
    spoil: (s) => { s.cells[5].images[0] = { ...png, srcStart: 'data:image/svg+xml;base64,PHN2Zz' }; },
    want: /is not an inline PNG/,
  },
  {
    name: 'an image with no room',
    check: checkPlots,
    spoil: (s) => { s.cells[5].images[0] = { ...png, shownHeight: 0 }; },
    want: /takes no room on the page/,
  },
  {
    name: 'no plot cells at all',
    check: checkPlots,
    spoil: (s) => { s.cells = s.cells.slice(0, 5); },
    want: /no code cell calls rnn.Plot/,
  },
  {
    name: 'a progress bar stuck short of the end',
    check: checkProgress,
    spoil: (s) => { s.cells[4].progress[2] = { value: 39, max: 40, parts: ['Epoch 3/5', '98%', '39/40'] }; },
    want: /progress bar 3 is not full: value 39 of 40[\s\S]*progress bar 3 does not read 100%/,
  },
  {
    name: 'a missing progress bar',
    check: checkProgress,
    spoil: (s) => { s.cells[4].progress.pop(); },
    want: /shows 4 progress bar\(s\), expected one per epoch \(5\)/,
  },
  {
    name: 'no training cell',
    check: checkProgress,
    spoil: (s) => { s.cells[4].source = 'for {}'; },
    want: /training cell is missing/,
  },
  {
    name: 'a missing READY line',
    check: checkTutorialLines,
    spoil: (s) => { s.cells[2].text = ''; },
    want: /the line "RNN READY" is missing \(expected after "NETWORK READY"\)/,
  },
  {
    name: 'lines out of order',
    check: checkTutorialLines,
    spoil: (s) => { [s.cells[0], s.cells[1]] = [s.cells[1], s.cells[0]]; },
    want: /the line "NETWORK READY" is out of order: it should follow "MNIST DATA READY" but comes before it/,
  },
  {
    name: 'training stopped after three epochs',
    check: checkTutorialLines,
    spoil: (s) => { s.cells[4].text = s.cells[4].text.split('Epoch 4/5')[0]; },
    want: /"Epoch: 004\/005 cost: \.\.\." is missing \(expected after " Test accuracy: 0.625"\)/,
  },
  {
    name: 'an accuracy above one',
    check: checkTutorialLines,
    spoil: (s) => { s.cells[4].text = s.cells[4].text.replace(' Test accuracy: 0.605', ' Test accuracy: 1.605'); },
    want: /accuracy out of \[0, 1\] in " Test accuracy: 1.605"/,
  },
  {
    name: 'a cost that does not fall',
    check: checkTutorialLines,
    spoil: (s) => { s.cells[4].text = s.cells[4].text.replace('cost: 0.350000000', 'cost: 2.350000000'); },
    want: /training did not lower the cost: epoch 1 0.9, epoch 5 2.35/,
  },
  {
    name: 'a NaN cost',
    check: checkTutorialLines,
    spoil: (s) => { s.cells[4].text = s.cells[4].text.replace('cost: 0.600000000', 'cost: NaN'); },
    want: /"Epoch: 002\/005 cost: \.\.\." is missing/,
  },
  {
    name: 'a progress bar that overtakes the lines printed before it',
    check: checkTrainingOrder,
    spoil: (s) => {
      s.cells[4].text = s.cells[4].text.replace(' Test accuracy: 0.605\nEpoch 2/5', 'Epoch 2/5\n Test accuracy: 0.605');
    },
    want: /display.NewProgress.*: the line "Epoch 2\/5" is out of order: it should follow " Test accuracy: 0.605" but comes before it/,
  },
  {
    name: 'a missing epoch bar',
    check: checkTrainingOrder,
    spoil: (s) => { s.cells[4].text = s.cells[4].text.replace('Epoch 3/5\n', ''); },
    want: /the line "Epoch 3\/5 \(progress bar\)" is missing/,
  },
  {
    name: 'the results of fmt.Println shown as a value',
    check: checkNoPrintResults,
    spoil: (s) => { s.cells[0].outputs.push(result('17 <nil>')); },
    want: /cell 2 \(import \(\) shows "17 <nil>" as its value/,
  },
];

for (const d of defects) {
  test(`catches ${d.name}`, () => {
    const snap = goodSnapshot();
    d.spoil(snap);
    const failures = d.check(snap);
    assert.ok(failures.length > 0, 'no failure reported');
    assert.match(failures.join('\n'), d.want);
  });
}

test('tutorialLines matches the tutorial\'s own output', () => {
  // lines printed by the TensorFlow tutorial (Python's print)
  const printed = ['MNIST DATA READY', 'NETWORK READY', 'RNN READY', 'FUNCTION READY',
    'Epoch: 001/005 cost: 0.573300335', ' Training accuracy: 0.821', ' Test accuracy: 0.821'];
  const patterns = tutorialLines(5);
  printed.forEach((line, i) => assert.match(line, patterns[i].re));
  assert.match('FINISHED', patterns[patterns.length - 1].re);
  assert.equal(patterns.length, 4 + 3 * 5 + 1);
});

test('findInOrder tells missing lines from misplaced ones', () => {
  const p = (label) => ({ label, re: new RegExp(`^${label}$`) });
  const cases = [
    { lines: ['a', 'x', 'b', 'c'], want: null },
    { lines: ['a', 'c'], want: 'the line "b" is missing (expected after "a")' },
    { lines: ['b', 'a', 'c'], want: 'the line "b" is out of order: it should follow "a" but comes before it' },
    { lines: [], want: 'the line "a" is missing (expected after the start)' },
  ];
  for (const c of cases) {
    assert.equal(findInOrder(c.lines, [p('a'), p('b'), p('c')]).failure, c.want, JSON.stringify(c.lines));
  }
});

test('stripANSI removes colour codes only', () => {
  assert.equal(stripANSI('\x1b[0;31mPanic\x1b[0m: x [1]'), 'Panic: x [1]');
});
