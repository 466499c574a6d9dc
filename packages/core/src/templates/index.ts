export { TEMPLATE_IDS, getTemplate, listTemplates, type WorkshopTemplate } from './catalogue.js';
export { TEMPLATE_ORIGIN, applyTemplate, canStartFromTemplate, type ApplyTemplateOptions } from './apply.js';
