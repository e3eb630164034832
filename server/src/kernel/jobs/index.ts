export {
  createJobQueue,
  type JobErrorContext,
  type JobHandler,
  type JobInfo,
  type JobQueue,
  type JobQueueOptions,
  type RetryPolicy,
  type SendOptions,
  type WorkOptions,
} from './job-queue.ts';
export { databaseSql, executorSql, type SqlExecutor } from './job-sql.ts';
