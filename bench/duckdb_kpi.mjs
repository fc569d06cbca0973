// DuckDB side of the KPI benchmark: the same job as `adpilot kpi`, written as one SQL query.
//
//   node bench/duckdb_kpi.mjs FILE QUERY THREADS OUT
//
// QUERY is `campaign,date` (one row per campaign and day) or `campaign` (one row per
// campaign). The output has adpilot's columns: campaign_id, campaign_name[, date], the five
// sums, the KPIs as ratios of sums (NULL, written as an empty field, when the denominator is 0)
// and 95% Wilson intervals for CTR and CVR, so both programs do the same work.
// QUERY `startup` only starts DuckDB and runs SELECT 1: the fixed cost inside every timing.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, query, threadsText, out] = process.argv.slice(2);
const threads = Number.parseInt(threadsText ?? '', 10);
if (!file || !out || !['campaign', 'campaign,date', 'startup'].includes(query) || !(threads > 0)) {
  console.error('usage: node bench/duckdb_kpi.mjs FILE campaign|campaign,date|startup THREADS OUT');
  process.exit(2);
}

// COPY ... TO takes no bound parameters, so paths go in as escaped string literals.
const literal = (text) => `'${text.replaceAll("'", "''")}'`;

// Types are given rather than sniffed: the benchmark measures reading and aggregating, and
// explicit types keep DuckDB from guessing differently on a different sample of the file.
const columns = `{
  'date': 'DATE', 'account_id': 'VARCHAR', 'campaign_id': 'VARCHAR', 'campaign_name': 'VARCHAR',
  'ad_group_id': 'VARCHAR', 'ad_id': 'VARCHAR', 'channel': 'VARCHAR', 'impressions': 'BIGINT',
  'clicks': 'BIGINT', 'cost': 'DOUBLE', 'conversions': 'DOUBLE', 'revenue': 'DOUBLE'}`;

const byDate = query === 'campaign,date';
const keys = byDate ? 'campaign_id, date' : 'campaign_id';
const z = 1.959963984540054; // two-sided 95%

// Wilson score interval for successes out of trials; NULL when there are no trials.
const wilson = (successes, trials, bound) => {
  const p = `least(${successes}::DOUBLE / ${trials}, 1.0)`;
  const sign = bound === 'low' ? '-' : '+';
  return `CASE WHEN ${trials} > 0 THEN
      ((${p} + ${z * z} / (2 * ${trials}))
        ${sign} ${z} * sqrt(${p} * (1 - ${p}) / ${trials} + ${z * z} / (4 * ${trials} * ${trials})))
      / (1 + ${z * z} / ${trials}) END`;
};

const sql = `COPY (
  WITH sums AS (
    SELECT campaign_id, any_value(campaign_name) AS campaign_name${byDate ? ', date' : ''},
           sum(impressions) AS impressions, sum(clicks) AS clicks, sum(cost) AS cost,
           sum(conversions) AS conversions, sum(revenue) AS revenue
    FROM read_csv(${literal(file)}, header = true, delim = ',', quote = '"', columns = ${columns})
    GROUP BY ${keys}
  )
  SELECT campaign_id, campaign_name${byDate ? ', date' : ''},
         impressions, clicks, cost, conversions, revenue,
         clicks::DOUBLE / nullif(impressions, 0) AS ctr,
         cost / nullif(clicks, 0) AS cpc,
         1000 * cost / nullif(impressions, 0) AS cpm,
         conversions / nullif(clicks, 0) AS cvr,
         cost / nullif(conversions, 0) AS cpa,
         revenue / nullif(cost, 0) AS roas,
         revenue / nullif(conversions, 0) AS aov,
         revenue - cost AS profit,
         ${wilson('clicks', 'impressions', 'low')} AS ctr_low,
         ${wilson('clicks', 'impressions', 'high')} AS ctr_high,
         ${wilson('conversions', 'clicks', 'low')} AS cvr_low,
         ${wilson('conversions', 'clicks', 'high')} AS cvr_high
  FROM sums
  ORDER BY ${keys}
) TO ${literal(out)} (FORMAT csv, HEADER true, DELIMITER ',')`;

try {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  await connection.run(`SET threads = ${threads}`);
  await connection.run(query === 'startup' ? 'SELECT 1' : sql);
  connection.closeSync();
} catch (error) {
  console.error(`duckdb_kpi: ${error.message}`);
  process.exit(1);
}
