// The tracker's policy scenarios (policy-scenarios.mjs) on the DynamoDB store, against DynamoDB
// Local and moto: the outcomes policy.test.mjs asserts on the in-memory store hold on the servers
// too, so that the memory store's conditions and actions mean what DynamoDB's do. The test clock
// drives the lock times that the conditions compare, so expiry needs no waiting here either.
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import '../node.mjs';
import { resolveConfig } from './config.mjs';
import { DynamoTaskStore } from './dynamodb-store.mjs';
import { trackerModel } from './layout.mjs';
import { clockedTracker, SCENARIOS } from './policy-scenarios.mjs';

for (const [title, scenario] of SCENARIOS) {
  eachBackend(title, async ({ dynamodb }) => {
    const tables = [];
    try {
      await scenario(async (options) => {
        const config = resolveConfig({ client: dynamodb, table: uniqueName('tracker-store'), useCaseId: 'jobs', heartbeatSeconds: 0, ...options });
        const Model = trackerModel(config);
        tables.push(Model);
        await Model.createTable({ wait: true });
        return clockedTracker(config, Model, new DynamoTaskStore(Model));
      });
    } finally {
      await Promise.all(tables.map((Model) => Model.deleteTable()));
    }
  });
}
