export * from './watch.types.js';
export * from './watch.frame.js';
export * from './watch.decode.js';
export * from './watch.encode.js';
export * from './watch.status.js';
