import { describeHostSdkScenarios } from './support/host-sdk-scenarios';

describe('with a host SDK on @opentelemetry/api 1.9', () => {
  describeHostSdkScenarios('1.9.0');
});
