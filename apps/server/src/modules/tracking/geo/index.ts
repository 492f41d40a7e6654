export * from './distance.js';
export * from './coords.js';
export * from './zones.js';
export * from './jitter.js';
