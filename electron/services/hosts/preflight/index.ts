// The preflight: what a host is and has, read before a deploy, and the install method
// it implies. Read-only on the host: fixed commands and SFTP reads.
export { runPreflight, defaultConfigDir, type PreflightJob, type PreflightOptions } from './run-preflight';
export { chooseInstallMethod } from './install-method';
