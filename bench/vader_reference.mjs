// The reference VADER (npm vader-sentiment, the JavaScript port) on one text per line: prints
// each text's compound score. Used by sentiment_eval.sh for the ratio against adpilot's scorer.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment');

const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const out = [];
for (const line of lines) {
  if (line.trim() === '') {
    continue;
  }
  out.push(String(vader.SentimentIntensityAnalyzer.polarity_scores(line.trim()).compound));
}
process.stdout.write(out.join('\n') + '\n');
