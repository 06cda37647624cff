export {
  JobRunner,
  type JobContext,
  type JobControl,
  type PhasedJob,
  type JobEventListener,
  type JobRunnerOptions,
  type JobWork,
} from './job-runner';
export { JobHistory } from './job-history';
