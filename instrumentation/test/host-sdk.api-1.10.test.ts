import { describeHostSdkScenarios } from './support/host-sdk-scenarios';

// The host's single copy of the API is 1.10 (the peer dependency lets it be): this package and the
// SDK resolve the host's copy, as npm installs them next to it.
jest.mock('@opentelemetry/api', () => jest.requireActual('otel-api-1-10'));

describe('with a host SDK on @opentelemetry/api 1.10', () => {
  describeHostSdkScenarios('1.10.0');
});
