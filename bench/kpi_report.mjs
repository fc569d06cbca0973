// Second half of bench/kpi_bench.sh: turns the raw timings into the Markdown table and checks
// that every program computed the same numbers as DuckDB. Inputs come from the environment
// (set by the script); the table goes to stdout and to BENCH_WORK/kpi_results.md.
// Exit status 1 when an output disagrees with DuckDB's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const work = env.BENCH_WORK;
const fileBytes = fs.statSync(env.BENCH_FILE).size;
const queries = ['campaign,date', 'campaign'];
const threadCounts = env.BENCH_THREADS.trim().split(/\s+/);
const programs = ['adpilot', 'duckdb', 'mmap_sum'];

// raw TSV: query, threads, program, run, wall_s ("failed" when the run failed), rss_kb, cpu_s
const runs = fs.readFileSync(env.BENCH_RAW, 'utf8').trim().split('\n').slice(1)
  .map((line) => line.split('\t'))
  .map(([query, threads, program, , wall, rss, cpu]) => ({ query, threads, program, wall, rss, cpu }));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function cell(query, threads, program) {
  const mine = runs.filter((r) => r.query === query && r.threads === threads && r.program === program);
  const ok = mine.filter((r) => r.wall !== 'failed');
  if (mine.length === 0) {
    return null;
  }
  const walls = ok.map((r) => Number(r.wall));
  return {
    runs: mine.length,
    failed: mine.length - ok.length,
    median: walls.length ? median(walls) : NaN,
    best: walls.length ? Math.min(...walls) : NaN,
    rssMb: ok.length ? Math.max(...ok.map((r) => Number(r.rss))) / 1024 : NaN,
    cpu: ok.length ? median(ok.map((r) => Number(r.cpu))) : NaN,
  };
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const names = { adpilot: 'adpilot', duckdb: 'DuckDB', mmap_sum: 'mmap_sum' };

// --- correctness: same groups, same sums and KPIs (1e-6 relative) as DuckDB ----------------
function splitCsvLine(line) {
  if (!line.includes('"')) {
    return line.split(','); // the common case, and 50x faster than the loop below
  }
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; ++i) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; ++i; } else if (c === '"') { quoted = false; } else { field += c; }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

const kCompared = ['impressions', 'clicks', 'cost', 'conversions', 'revenue',
  'ctr', 'cpc', 'cpm', 'cvr', 'cpa', 'roas', 'aov', 'profit'];
const kNullTokens = new Set(['', 'NULL', 'null', '—', 'NaN', 'nan']);

// Group key → the compared columns as numbers (NaN = null, undefined = column absent). Only
// numbers are kept: 200k groups of strings would keep the garbage collector busy for seconds.
function readTable(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = splitCsvLine(lines[0].replace(/\r$/, ''));
  const campaignIdx = header.indexOf('campaign_id');
  const dateIdx = header.indexOf('date');
  const columnIdx = kCompared.map((name) => header.indexOf(name));
  const rows = new Map();
  for (let lineIdx = 1; lineIdx < lines.length; ++lineIdx) {
    const line = lines[lineIdx].replace(/\r$/, '');
    if (line.length === 0) {
      continue;
    }
    const fields = splitCsvLine(line);
    const values = columnIdx.map((idx) => {
      if (idx < 0) {
        return undefined;
      }
      const text = fields[idx]?.trim() ?? '';
      return kNullTokens.has(text) ? NaN : Number(text);
    });
    rows.set(`${fields[campaignIdx]}|${dateIdx >= 0 ? fields[dateIdx] : ''}`, values);
  }
  return rows;
}

// Returns a list of problems, empty when the output agrees with DuckDB's.
function compare(testFile, reference) {
  if (!fs.existsSync(testFile)) {
    return [`no output (${testFile})`];
  }
  const test = readTable(testFile);
  const problems = [];
  if (test.size !== reference.size) {
    problems.push(`${test.size} groups, DuckDB has ${reference.size}`);
  }
  for (const [key, expected] of reference) {
    const actual = test.get(key);
    if (!actual) {
      problems.push(`group ${key} missing`);
      continue;
    }
    kCompared.forEach((name, idx) => {
      const x = actual[idx];
      const y = expected[idx];
      if (x === undefined || y === undefined) {
        return; // a column only one side writes (mmap_sum has no ratios)
      }
      const same = Number.isNaN(x) || Number.isNaN(y)
        ? Number.isNaN(x) === Number.isNaN(y)
        : Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y)) + 1e-9;
      if (!same) {
        problems.push(`${key} ${name}: ${x} vs DuckDB ${y}`);
      }
    });
    if (problems.length > 100) {
      break; // enough to show
    }
  }
  return problems;
}

// --- report -----------------------------------------------------------------------------------
const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.arch();
let duckdbVersion = 'unknown';
try {
  duckdbVersion = JSON.parse(fs.readFileSync('bench/node_modules/@duckdb/node-api/package.json', 'utf8')).version;
} catch {
  // the table still renders; the version line says unknown
}

const out = [];
out.push('# KPI benchmark', '');
out.push(`- file: \`${env.BENCH_FILE}\`, ${Number(env.BENCH_ROWS).toLocaleString('en-US')} rows, ` +
  `${(fileBytes / 1e6).toFixed(1)} MB (\`build/adpilot_gen bench --rows ${env.BENCH_ROWS} --seed ${env.BENCH_SEED}\`), read from the page cache`);
out.push(`- machine: ${cpu}, ${os.cpus().length} cores, Linux ${os.release()}; load average before the runs: ${env.BENCH_LOAD}`);
out.push(`- versions: adpilot ${env.BENCH_REV}, @duckdb/node-api ${duckdbVersion}, node ${process.version}`);
const startupWalls = (env.BENCH_DUCKDB_STARTUP ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
if (startupWalls.length > 0) {
  out.push(`- DuckDB start-up alone (Node, native library, instance, SELECT 1): median ${median(startupWalls).toFixed(2)} s, ` +
    'included in every DuckDB time below');
}
out.push(`- ${env.BENCH_RUNS} runs per cell; wall time of the whole process (start-up included) under /usr/bin/time -v; ` +
  'MB/s = file size / median wall; CPU s = median user + system time; RSS = largest peak resident set over the runs', '');
out.push('| query | threads | program | median s | best s | MB/s | CPU s | peak RSS MB |');
out.push('|---|---:|---|---:|---:|---:|---:|---:|');
for (const query of queries) {
  for (const threads of threadCounts) {
    for (const program of programs) {
      const c = cell(query, threads, program);
      if (!c) {
        continue;
      }
      const failed = c.failed ? ` (${c.failed} of ${c.runs} failed)` : '';
      out.push(`| --by ${query} | ${threads} | ${names[program]}${failed} | ${fixed(c.median, 2)} | ` +
        `${fixed(c.best, 2)} | ${fixed(fileBytes / 1e6 / c.median, 0)} | ${fixed(c.cpu, 2)} | ${fixed(c.rssMb, 0)} |`);
    }
  }
}
out.push('', 'Ratios of median wall times (DuckDB / adpilot > 1: adpilot is faster; ' +
  'adpilot / mmap_sum: how far adpilot is from the speed limit):', '');
out.push('| query | threads | DuckDB / adpilot | adpilot / mmap_sum | DuckDB / mmap_sum |');
out.push('|---|---:|---:|---:|---:|');
for (const query of queries) {
  for (const threads of threadCounts) {
    const m = Object.fromEntries(programs.map((p) => [p, cell(query, threads, p)?.median ?? NaN]));
    out.push(`| --by ${query} | ${threads} | ${fixed(m.duckdb / m.adpilot, 2)} | ` +
      `${fixed(m.adpilot / m.mmap_sum, 2)} | ${fixed(m.duckdb / m.mmap_sum, 2)} |`);
  }
}

out.push('', 'Correctness (same groups; sums and KPIs equal to DuckDB\'s within 1e-6 relative):', '');
let allAgree = true;
for (const query of queries) {
  for (const threads of threadCounts) {
    const tag = (program) => path.join(work, 'out', `${program}_${query.replace(',', '_')}_t${threads}.csv`);
    if (!fs.existsSync(tag('duckdb'))) {
      out.push(`- --by ${query}, threads=${threads}: no DuckDB output to compare against`);
      allAgree = false;
      continue;
    }
    const reference = readTable(tag('duckdb'));
    for (const program of ['adpilot', 'mmap_sum']) {
      if (!cell(query, threads, program)) {
        continue;
      }
      const problems = compare(tag(program), reference);
      allAgree &&= problems.length === 0;
      const verdict = problems.length === 0
        ? 'agrees'
        : `DISAGREES (${problems.length} problems): ${problems.slice(0, 3).join('; ')}`;
      out.push(`- --by ${query}, threads=${threads}, ${names[program]}: ${verdict}`);
    }
  }
}
if (!runs.some((r) => r.program === 'adpilot')) {
  out.push('', 'adpilot was not measured: build/adpilot could not be built (see bench/work/logs/build_adpilot.log).');
}

const markdown = `${out.join('\n')}\n`;
fs.writeFileSync(path.join(work, 'kpi_results.md'), markdown);
process.stdout.write(markdown);
process.exit(allAgree ? 0 : 1);
