// Opens an adpilot HTML report in headless Chromium with every network request blocked and
// checks that it works as a reader would use it:
//   - it makes no network request (every attempt is counted; there must be none),
//   - it logs no console error and throws no page error,
//   - it draws one chart per series (the count comes from the page's embedded chart data and
//     its data-chart-count attribute), each canvas sized and painted in the series' colour,
//   - clicking a KPI table heading sorts the rows by that column (numbers largest first, then
//     reversed on a second click; undefined values last), and sets aria-sort,
//   - with JavaScript off the tables and the chart titles are still there.
// A full-page screenshot is saved for people to look at.
//
// Usage: node tests/browser/report_page.mjs REPORT.html SCREENSHOT.png
// Chromium: $ADPILOT_CHROMIUM, default /usr/bin/chromium (Debian's package).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = process.env.ADPILOT_CHROMIUM || '/usr/bin/chromium';
const VALUE_RGB = [0x1f, 0x5f, 0xbf];  // the line colour of a series' values (html_charts.cpp)
const SORT_COLUMN = 'Spend';

function fail(message) {
  console.error(`report_page: FAIL: ${message}`);
  process.exit(1);
}

const [htmlArg, screenshotArg] = process.argv.slice(2);
if (!htmlArg || !screenshotArg) {
  console.error('usage: node tests/browser/report_page.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const htmlPath = path.resolve(htmlArg);
const screenshotPath = path.resolve(screenshotArg);
if (!existsSync(htmlPath) || statSync(htmlPath).size === 0) {
  fail(`the report ${htmlPath} does not exist or is empty`);
}
if (!existsSync(CHROMIUM)) {
  fail(`Chromium is not installed at ${CHROMIUM}: install the Debian package chromium ` +
       '(scripts/setup.sh does) or point ADPILOT_CHROMIUM at one');
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  fail(`cannot load the npm package playwright-core (${error.message}): ` +
       'run `npm ci` in the project folder (scripts/setup.sh does)');
}

const localUrl = (url) => /^(file|data|blob|about):/i.test(url);
const problems = [];
function check(ok, message) {
  if (!ok) problems.push(message);
  return ok;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: isRoot ? ['--no-sandbox'] : [],
  });
} catch (error) {
  fail(`cannot start Chromium at ${CHROMIUM}: ${error.message}`);
}

try {
  const pageUrl = pathToFileURL(htmlPath).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const networkAttempts = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (localUrl(url)) return route.continue();
    networkAttempts.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!localUrl(request.url()) && !networkAttempts.includes(request.url())) {
      networkAttempts.push(request.url());
    }
  });
  const consoleErrors = [];
  const pageErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto(pageUrl, { waitUntil: 'load' });

  // Charts: as many drawn as the page has series.
  const counts = await page.evaluate(() => {
    const holder = document.getElementById('chart-data');
    const section = document.getElementById('charts');
    return {
      data: holder ? JSON.parse(holder.textContent).series.length : -1,
      attribute: section ? Number(section.getAttribute('data-chart-count')) : -1,
      figures: document.querySelectorAll('figure.chart').length,
    };
  });
  check(counts.data >= 0, 'the page has no chart data block (#chart-data)');
  check(counts.attribute === counts.data,
        `data-chart-count is ${counts.attribute} but the chart data holds ${counts.data} series`);
  check(counts.figures === counts.data,
        `${counts.figures} chart figures for ${counts.data} series`);
  try {
    await page.waitForFunction(
      (n) => document.querySelectorAll('figure.chart[data-drawn="true"]').length >= n,
      counts.data, { timeout: 20000 });
  } catch {
    const drawn = await page.locator('figure.chart[data-drawn="true"]').count();
    check(false, `only ${drawn} of ${counts.data} charts were drawn within 20 s`);
  }
  const canvases = await page.evaluate((rgb) => {
    const data = JSON.parse(document.getElementById('chart-data').textContent);
    return Array.from(document.querySelectorAll('figure.chart')).map((figure) => {
      // What the values should leave on the canvas: a line where two days in a row are
      // defined, a point where a day stands alone, nothing when every day is undefined.
      const values = data.series[Number(figure.getAttribute('data-series'))].values;
      const defined = values.filter((value) => value !== null).length;
      const joined = values.some((value, idx) => idx > 0 && value !== null && values[idx - 1] !== null);
      const canvas = figure.querySelector('canvas');
      if (!canvas) return { id: figure.id, width: 0, height: 0, painted: 0, line: 0, defined, joined };
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      let line = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) continue;  // uPlot leaves the background transparent
        painted++;
        if (pixels[i + 3] > 200 && Math.abs(pixels[i] - rgb[0]) < 40 &&
            Math.abs(pixels[i + 1] - rgb[1]) < 40 && Math.abs(pixels[i + 2] - rgb[2]) < 40) {
          line++;
        }
      }
      return { id: figure.id, width: canvas.width, height: canvas.height, painted, line, defined, joined };
    });
  }, VALUE_RGB);
  let drawnCharts = 0;
  for (const canvas of canvases) {
    const minimum = canvas.joined ? 20 : canvas.defined > 0 ? 1 : 0;
    const ok = check(canvas.width > 0 && canvas.height > 0,
                     `${canvas.id}: the canvas is ${canvas.width}×${canvas.height}`) &&
      check(canvas.painted > 0, `${canvas.id}: the canvas is blank`) &&
      check(canvas.line >= minimum,
            `${canvas.id}: ${canvas.defined} defined values but only ${canvas.line} pixels in their colour`);
    if (ok) drawnCharts++;
  }
  check(drawnCharts === counts.data, `${drawnCharts} charts drawn for ${counts.data} series`);

  // Sorting the KPI table by clicking a heading.
  const table = page.locator('#kpi-table');
  let sortSummary = 'no KPI table';
  if (check(await table.count() === 1, 'the page has no KPI table (#kpi-table)')) {
    const headings = await table.locator('thead th').allInnerTexts();
    const column = headings.findIndex((text) => text.trim().toLowerCase() === SORT_COLUMN.toLowerCase());
    check(column >= 0, `the KPI table has no "${SORT_COLUMN}" heading (${headings.join(', ')})`);
    const readColumn = () => page.evaluate((idx) => Array.from(
      document.querySelectorAll('#kpi-table tbody tr'),
      (row) => row.cells[idx].getAttribute('data-value')), column);
    const header = table.locator('thead th').nth(column);
    const button = header.locator('button');
    const expectSorted = async (direction) => {
      const aria = await header.getAttribute('aria-sort');
      check(aria === direction, `after the click, aria-sort is ${aria}, expected ${direction}`);
      const keys = await readColumn();
      const defined = keys.filter((key) => key !== '').map(Number);
      const firstUndefined = keys.indexOf('');
      check(firstUndefined < 0 || keys.slice(firstUndefined).every((key) => key === ''),
            `undefined values are not last: ${keys.join(', ')}`);
      for (let i = 1; i < defined.length; i++) {
        const ordered = direction === 'descending' ? defined[i - 1] >= defined[i]
                                                   : defined[i - 1] <= defined[i];
        if (!check(ordered, `${SORT_COLUMN} is not ${direction}: ${keys.join(', ')}`)) break;
      }
      return keys;
    };
    if (column >= 0) {
      const rows = await table.locator('tbody tr').count();
      check(rows > 0, 'the KPI table has no rows');
      await button.click();
      const first = await expectSorted('descending');
      await button.click();
      const second = await expectSorted('ascending');
      const names = await page.evaluate(() => Array.from(
        document.querySelectorAll('#kpi-table tbody tr'), (row) => row.cells[0].getAttribute('data-value')));
      await table.locator('thead th').nth(0).locator('button').click();
      const byName = await page.evaluate(() => Array.from(
        document.querySelectorAll('#kpi-table tbody tr'), (row) => row.cells[0].getAttribute('data-value')));
      const expectedNames = [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }));
      check(JSON.stringify(byName) === JSON.stringify(expectedNames),
            `the campaign column did not sort A→Z: ${byName.join(' | ')}`);
      check(await table.locator('thead th').nth(0).getAttribute('aria-sort') === 'ascending',
            'aria-sort did not move to the campaign heading');
      check(await header.getAttribute('aria-sort') === null, 'the old heading kept its aria-sort');
      sortSummary = `${rows} rows sorted by ${SORT_COLUMN} (${first.join(', ')} / ${second.join(', ')}) and by name`;
      // Back to the report's own order of largest spend first for the screenshot.
      await button.click();
    }
  }

  mkdirSync(path.dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });

  // With JavaScript off, the page still reads: tables, headline figures and chart titles.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  await plain.route('**/*', (route) => {
    const url = route.request().url();
    if (localUrl(url)) return route.continue();
    networkAttempts.push(url);
    return route.abort('blockedbyclient');
  });
  const plainPage = await plain.newPage();
  await plainPage.goto(pageUrl, { waitUntil: 'load' });
  const captions = await plainPage.locator('figure.chart figcaption').allInnerTexts();
  check(captions.length === counts.data && captions.every((text) => text.trim() !== ''),
        `without JavaScript, ${captions.length} chart titles for ${counts.data} series`);
  check(await plainPage.locator('figure.chart canvas').count() === 0,
        'without JavaScript a chart was drawn (the check is not measuring what it should)');
  const plainRows = await plainPage.locator('#kpi-table tbody tr').count();
  check(plainRows > 0 || await plainPage.locator('#campaigns .empty').count() === 1,
        'without JavaScript the KPI table is empty');
  await plain.close();

  check(networkAttempts.length === 0,
        `${networkAttempts.length} network request(s) attempted: ${[...new Set(networkAttempts)].join(', ')}`);
  check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  check(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);

  if (problems.length > 0) {
    console.error(`report_page: ${htmlPath}`);
    for (const problem of problems) console.error(`report_page: FAIL: ${problem}`);
    console.error(`report_page: screenshot at ${screenshotPath}`);
    process.exitCode = 1;
  } else {
    console.log(`report_page: OK: ${htmlPath}`);
    console.log(`report_page: ${drawnCharts} of ${counts.data} charts drawn; ${sortSummary}`);
    console.log('report_page: 0 network requests, 0 console errors, 0 page errors');
    console.log(`report_page: screenshot at ${screenshotPath}`);
  }
} catch (error) {
  console.error(`report_page: FAIL: ${error.stack || error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
