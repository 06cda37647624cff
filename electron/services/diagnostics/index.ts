export { capabilityChecks, detectCapabilities, runCheck, type CapabilityCheck } from './capability-checks';
export { runSelfTest } from './self-test';
export { findExecutable } from './find-executable';
export { runCommand, type CommandResult } from './run-command';
export { diagnosticsHandlers } from './diagnostics-handlers';
export { judgeIcmp } from './icmp-check';
