// Public face of the engine's log: one JSON-lines file, with secrets redacted.
export { FileLogger, type Logger } from './file-logger';
