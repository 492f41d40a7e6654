export * from './tables.js';
export * from '../../modules/registry/registry.tables.js';
export * from '../../modules/registry/import/import.tables.js';
export * from '../../modules/benefits/benefits.tables.js';
export * from '../../modules/tracking/tracking.tables.js';
export * from '../../modules/care/care.tables.js';
