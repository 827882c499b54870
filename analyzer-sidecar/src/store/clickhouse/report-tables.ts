/**
 * Report schedules, their delivery log and share links on ClickHouse: plain
 * tables on the router, created where missing. One writer and one clock per
 * opened set, so all of this instance's changes are serialized and ordered.
 */
import type { ScheduleStore, ShareLinkStore } from '../schedule-store';
import type { ClickHouseStore } from './clickhouse-store';
import { REPORT_TABLES_SQL, createClickHouseScheduleStore } from './report-sql';
import { SerialWriter } from './serial-writer';
import { SHARE_LINKS_SQL, createClickHouseShareLinkStore } from './share-link-sql';
import { VersionClock } from './version-clock';

export interface ReportTablesOptions {
  /** The wall clock of versions and log order (tests give instances skewed clocks). */
  readonly now?: () => number;
}

export async function openClickHouseReportTables(
  store: ClickHouseStore,
  options: ReportTablesOptions = {},
): Promise<{ schedules: ScheduleStore; links: ShareLinkStore }> {
  await store.read(async (c) => {
    for (const sql of [...REPORT_TABLES_SQL, SHARE_LINKS_SQL]) await c.command(sql);
  });
  const writer = new SerialWriter();
  const clock = new VersionClock(options.now);
  return {
    schedules: createClickHouseScheduleStore(store, writer, clock),
    links: createClickHouseShareLinkStore(store, writer, clock),
  };
}
