export {
  IMPORT_ORIGIN, WORKSHOP_EXPORT_FORMAT, WORKSHOP_EXPORT_VERSION, exportPseudonyms, exportWorkshop, exportWorkshopJson,
  exportRoles, importWorkshop, isAnonymousWorkshop, isWorkshopEmpty, readWorkshopExport,
  type ExportOptions, type ExportedWorkshop, type ImportOptions, type ImportResult, type WorkshopExport,
} from './json.js';
export { csvField, exportIdeasCsv, toCsv, type CsvValue, type IdeasCsvOptions } from './csv.js';
export { escapeMarkdown, exportMarkdownReport, type ReportOptions } from './markdown.js';
export { makePseudonyms, type Pseudonyms } from './anonymise.js';
