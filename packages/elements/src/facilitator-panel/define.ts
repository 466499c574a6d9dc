import '../workshop/define.js';
import '../internal/menu-define.js';
import { CoFacilitatorPanel } from './facilitator-panel.js';

if (!customElements.get('co-facilitator-panel')) customElements.define('co-facilitator-panel', CoFacilitatorPanel);

export { CoFacilitatorPanel };
export type {
  ExportFormat, PhaseChangeDetail, FocusChangeDetail, LockChangeDetail, RevealChangeDetail, PollOpenChangeDetail,
  SettingsChangeDetail, RoleChangeDetail, ExportDetail, WorkshopSetupDetail, WorkshopDetailsChangeDetail,
} from './facilitator-panel.js';
