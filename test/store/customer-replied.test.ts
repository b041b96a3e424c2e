import { describeCustomerRepliedContract } from './customer-replied-contract.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';

describeCustomerRepliedContract('SQLite: customer replied', sqliteHandoffBackend);
describeCustomerRepliedContract('Redis: customer replied', redisHandoffBackend);
