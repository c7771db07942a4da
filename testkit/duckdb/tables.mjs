// Reads itbcheck's Parquet tables with DuckDB, an implementation that shares
// no code with the writer, and prints what the e2e test compares with the
// JSON report: node tables.mjs GLOB_ROOT (the folder holding one folder of
// tables per shard).
import { DuckDBInstance } from '@duckdb/node-api';

const root = process.argv[2];
if (!root) {
  console.error('usage: node tables.mjs ROOT');
  process.exit(2);
}
const q = (s) => s.replaceAll("'", "''");
const runs = `read_parquet('${q(root)}/*/runs.parquet')`;
const weeks = `read_parquet('${q(root)}/*/weeks.parquet')`;
const findings = `read_parquet('${q(root)}/*/findings.parquet')`;

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const all = async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJson();

const out = {
  // Every (athlete, source) with how many rows hold it: each must be 1.
  run_sources: await all(`select athlete, source, count(*)::INTEGER as n from ${runs} group by all order by all`),
  // Per athlete and week, from the runs table alone.
  run_weeks: await all(`select athlete, strftime(week, '%Y-%m-%d') as week, count(*)::INTEGER as runs,
      sum(distance_km) as distance_km, sum(load) as load
    from ${runs} where is_run group by all order by all`),
  week_rows: (await all(`select count(*)::INTEGER as n from ${weeks}`))[0].n,
  finding_rows: (await all(`select count(*)::INTEGER as n from ${findings}`))[0].n,
  schemas: (await all(`select distinct schema from (select schema from ${runs} union all select schema from ${weeks}
    union all select schema from ${findings})`)).map((r) => r.schema),
};
console.log(JSON.stringify(out));
