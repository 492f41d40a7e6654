/** Spreadsheet import and export of persons: their services, the import job and the routes. */
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { PersonsService } from './persons.service.js';
import { ImportService } from './import/import.service.js';
import { importRoutes } from './import/import.routes.js';
import { ExportService } from './export/export.service.js';
import { exportRoutes } from './export/export.routes.js';

export function spreadsheetRoutes(app: FastifyInstance, p: Platform, persons: PersonsService): void {
  const imports = new ImportService(p);
  imports.registerJob();
  importRoutes(app, imports);
  exportRoutes(app, new ExportService(p, persons));
}
