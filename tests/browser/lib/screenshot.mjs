// Screenshots of a Notebook 6 page. The notebook scrolls inside #site, a
// box sized to the window, so a plain full-page screenshot shows only the
// first screen; a style sheet lets #site grow to its content first.

import fs from 'node:fs';
import path from 'node:path';

const UNFOLD_CSS = `
  html, body { height: auto !important; overflow: visible !important; }
  #site { height: auto !important; overflow: visible !important; }
`;

/**
 * saveScreenshots writes dir/<name>.png, the whole notebook, and
 * dir/<name>_plots.png, from the first plot cell (source containing
 * rnn.Plot) to the last, if there is one. It returns the paths written.
 */
export async function saveScreenshots(page, dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  await page.addStyleTag({ content: UNFOLD_CSS });
  // let the images and the new layout settle before the pictures
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  const written = [];
  const full = path.join(dir, `${name}.png`);
  await page.screenshot({ path: full, fullPage: true });
  written.push(full);

  const region = await page.evaluate(() => {
    const boxes = window.Jupyter.notebook.get_cells()
      .filter((c) => c.cell_type === 'code' && c.get_text().includes('rnn.Plot'))
      .map((c) => c.element[0].getBoundingClientRect());
    if (boxes.length === 0) return null;
    const top = Math.min(...boxes.map((b) => b.top)) + window.scrollY;
    const bottom = Math.max(...boxes.map((b) => b.bottom)) + window.scrollY;
    const left = Math.min(...boxes.map((b) => b.left));
    const right = Math.max(...boxes.map((b) => b.right));
    return { x: Math.max(0, left), y: Math.max(0, top), width: right - left, height: bottom - top };
  });
  if (region && region.width > 0 && region.height > 0) {
    const plots = path.join(dir, `${name}_plots.png`);
    await page.screenshot({ path: plots, fullPage: true, clip: region });
    written.push(plots);
  }
  return written;
}
