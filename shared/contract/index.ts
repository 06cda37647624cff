export * from './api';
export * from './app';
export * from './contract';
export * from './discovery';
export * from './errors';
export * from './jobs';
export * from './operation-kinds';
export * from './settings';
