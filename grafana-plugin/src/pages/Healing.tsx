import React from 'react';
import { PluginPage } from '@grafana/runtime';

import { PageToolbar } from '../components/PageToolbar';
import { useUrlTimeRange } from '../components/useUrlTimeRange';
import { DriftSection } from '../healing/DriftSection';
import { ExpectedRunsSection } from '../healing/ExpectedRunsSection';
import { FailuresAfterRecoverySection } from '../healing/FailuresAfterRecoverySection';
import { debtDays, HealingDebtSection } from '../healing/HealingDebtSection';
import { QueueTimesSection } from '../healing/QueueTimesSection';
import { RecoverySection } from '../healing/RecoverySection';
import { TimeSavedSection } from '../healing/TimeSavedSection';
import { PageActions } from '../sharing/PageActions';
import { testIds } from '../testIds';

/**
 * Self-healing and what the automation is worth: recoveries, what failed after them, targets
 * drifting towards failure, selectors healed instead of fixed, time saved, missing runs and
 * queue time. Each section loads on its own, so one missing endpoint leaves the others.
 */
export function Healing() {
  const { timeRange, filters, setTimeRange, key } = useUrlTimeRange();
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  return (
    <PluginPage>
      <div data-testid={testIds.healing.container}>
        <PageToolbar
          timeRange={timeRange}
          onChange={setTimeRange}
          actions={<PageActions scope={{ datasets: ['steps', 'executions'], report: 'fleet', from, to }} />}
        />
        <RecoverySection filters={filters} rangeKey={key} />
        <FailuresAfterRecoverySection filters={filters} rangeKey={key} />
        <DriftSection filters={filters} rangeKey={key} />
        <HealingDebtSection days={debtDays(from, to)} />
        <TimeSavedSection filters={filters} rangeKey={key} />
        <ExpectedRunsSection />
        <QueueTimesSection filters={filters} rangeKey={key} />
      </div>
    </PluginPage>
  );
}

export default Healing;
