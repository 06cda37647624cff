// Public face of the store domain: where state lives, how it is written safely,
// and how secrets are sealed and kept out of logs.
export { AesKeyFileCipher } from './aes-key-file-cipher';
export {
  readFileIfExists,
  removeStaleTempFiles,
  writeFileAtomic,
  type WriteFileAtomicOptions,
} from './atomic-file';
export { ensureDataDir, resolveDataDir } from './data-dir';
export { JsonStore, type JsonStoreOptions, type LoadResult } from './json-store';
export { REDACTED, Redactor } from './redactor';
export type { SecretCipher } from './secret-cipher';
export { SecretStore, type SecretStoreOptions, type SecretSummary } from './secret-store';
