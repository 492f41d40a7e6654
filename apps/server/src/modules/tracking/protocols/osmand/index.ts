export * from './osmand.parse.js';
export * from './osmand.schemas.js';
