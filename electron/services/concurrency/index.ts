// Concurrency for the engine: a bounded map over a list, a pool that takes tasks as they
// come, the semaphore under both lanes and pools, a packet-rate limiter, the lane that
// runs one deploy at a time, and a sleep that a cancel ends.
//
// Our own code rather than p-limit or p-queue. p-limit cannot take a queued task back
// when its job is cancelled; p-queue can, but what this folder adds on top would still be
// ours to write: a map that stops at the first failure and settles only when every step
// it started has (nothing outlives a cancelled scan), a pool whose drain reports the first
// failure, and a pacer that spaces packets evenly with a clock tests can drive (p-queue
// caps runs per fixed interval, which lets a double burst through at each interval's
// edge). What is left then is the 40-line semaphore: not worth a dependency to vet.
export { ExclusiveLane, type LaneJob } from './exclusive-lane';
export { mapConcurrent } from './map-concurrent';
export { RateLimiter, systemClock, type Clock, type RateLimiterOptions } from './rate-limiter';
export { Semaphore } from './semaphore';
export { sleep } from './sleep';
export { TaskPool } from './task-pool';
