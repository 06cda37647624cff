export {
  JobRunner,
  type JobContext,
  type JobControl,
  type PhasedJob,
  type JobEventListener,
  type JobRunnerOptions,
  type JobWork,
} from './job-runner';
export { sleep } from './sleep';
export { JobHistory } from './job-history';
export { ExclusiveLane } from './exclusive-lane';
