export {
  JobRunner,
  type JobContext,
  type JobEventListener,
  type JobRunnerOptions,
  type JobWork,
} from './job-runner';
export { JobHistory } from './job-history';
