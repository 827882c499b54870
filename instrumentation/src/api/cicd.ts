import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CICD_PIPELINE_ACTION_NAME,
  ATTR_CICD_PIPELINE_NAME,
  ATTR_CICD_PIPELINE_RESULT,
  ATTR_CICD_PIPELINE_RUN_ID,
  ATTR_CICD_PIPELINE_TASK_NAME,
  ATTR_CICD_PIPELINE_TASK_RUN_ID,
  ATTR_CICD_PIPELINE_TASK_RUN_RESULT,
  CICD_PIPELINE_ACTION_NAME_VALUE_RUN,
  CICD_PIPELINE_RESULT_VALUE_CANCELLATION,
  CICD_PIPELINE_RESULT_VALUE_FAILURE,
  CICD_PIPELINE_RESULT_VALUE_SUCCESS,
  CICD_PIPELINE_TASK_RUN_RESULT_VALUE_FAILURE,
  CICD_PIPELINE_TASK_RUN_RESULT_VALUE_SKIP,
  CICD_PIPELINE_TASK_RUN_RESULT_VALUE_SUCCESS,
} from '@opentelemetry/semantic-conventions/incubating';
import type { ExecutionStatus, StepStatus } from '../conventions';

/**
 * OpenTelemetry's CI/CD semantic conventions beside the `rpa.*` attributes: a
 * workflow run is a pipeline run, a step is a task run, so tools that know
 * `cicd.pipeline.*` read executions without knowing the RPA contract.
 */
const PIPELINE_RESULT: Readonly<Record<ExecutionStatus, string>> = {
  completed: CICD_PIPELINE_RESULT_VALUE_SUCCESS,
  failed: CICD_PIPELINE_RESULT_VALUE_FAILURE,
  cancelled: CICD_PIPELINE_RESULT_VALUE_CANCELLATION,
};

const TASK_RUN_RESULT: Readonly<Record<StepStatus, string>> = {
  completed: CICD_PIPELINE_TASK_RUN_RESULT_VALUE_SUCCESS,
  failed: CICD_PIPELINE_TASK_RUN_RESULT_VALUE_FAILURE,
  skipped: CICD_PIPELINE_TASK_RUN_RESULT_VALUE_SKIP,
};

/** `cicd.pipeline.*` of an execution span, known at its start. */
export function cicdPipelineAttributes(workflowId: string, executionId: string): Attributes {
  return {
    [ATTR_CICD_PIPELINE_NAME]: workflowId,
    [ATTR_CICD_PIPELINE_RUN_ID]: executionId,
    [ATTR_CICD_PIPELINE_ACTION_NAME]: CICD_PIPELINE_ACTION_NAME_VALUE_RUN,
  };
}

/** `cicd.pipeline.result` of a finished execution. */
export function cicdPipelineResult(status: ExecutionStatus): Attributes {
  return { [ATTR_CICD_PIPELINE_RESULT]: PIPELINE_RESULT[status] };
}

/** The CI/CD attribute keys a step span carries (set inline on the step's hot path). */
export const CICD_TASK_ATTR = {
  pipelineName: ATTR_CICD_PIPELINE_NAME,
  pipelineRunId: ATTR_CICD_PIPELINE_RUN_ID,
  taskName: ATTR_CICD_PIPELINE_TASK_NAME,
  taskRunId: ATTR_CICD_PIPELINE_TASK_RUN_ID,
} as const;

/** `cicd.pipeline.*` and `cicd.pipeline.task.*` of a step span, known at its start. */
export function cicdTaskAttributes(
  workflowId: string,
  executionId: string,
  nodeId: string,
  stepId: string,
): Attributes {
  return {
    [CICD_TASK_ATTR.pipelineName]: workflowId,
    [CICD_TASK_ATTR.pipelineRunId]: executionId,
    [CICD_TASK_ATTR.taskName]: nodeId,
    [CICD_TASK_ATTR.taskRunId]: stepId,
  };
}

/** The key and value of `cicd.pipeline.task.run.result` for a finished step. */
export const CICD_TASK_RUN_RESULT_KEY = ATTR_CICD_PIPELINE_TASK_RUN_RESULT;

export function cicdTaskRunResult(status: StepStatus): string {
  return TASK_RUN_RESULT[status];
}
