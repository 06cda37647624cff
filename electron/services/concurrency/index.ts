// Concurrency for the engine: bounded loops and pools, a semaphore, a packet-rate
// limiter, the lane that runs one deploy at a time, and a cancellable sleep.
export { forEachBounded, Semaphore } from './bounded-pool';
export { ExclusiveLane } from './exclusive-lane';
export { mapConcurrent } from './map-concurrent';
export { RateLimiter, systemClock, type Clock, type RateLimiterOptions } from './rate-limiter';
export { sleep } from './sleep';
export { TaskPool } from './task-pool';
