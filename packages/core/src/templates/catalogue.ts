/**
 * The built-in workshop templates, in English and Welsh. Each is a plan a facilitator can start
 * from and change: phases, boards, votes and journey maps with fixed ids, so a page can place the
 * matching elements (`<co-idea-board board="ideas">`) before the workshop exists.
 */
import type { Language, WorkshopSettings } from '../layout.js';
import type { CreateBoardInput } from '../ops/boards.js';
import type { PhaseInput } from '../ops/control.js';
import type { CreateJourneyInput, PersonaInput } from '../ops/journeys.js';
import type { PollInput } from '../ops/polls.js';

/** A workshop plan: everything a template sets up. */
export interface WorkshopTemplate {
  /** Stable id, e.g. `ideas-and-dot-votes`. */
  readonly id: string;
  readonly language: Language;
  /** The template's name, also the new workshop's title. */
  readonly title: string;
  /** One sentence for a list of templates. */
  readonly summary: string;
  /** The new workshop's description. */
  readonly description: string;
  readonly settings: Partial<WorkshopSettings>;
  /** Phases with fixed ids. */
  readonly phases: readonly (PhaseInput & { readonly id: string })[];
  readonly boards: readonly (CreateBoardInput & { readonly id: string })[];
  readonly polls: readonly (PollInput & { readonly id: string })[];
  readonly journeys: readonly (CreateJourneyInput & { readonly id: string; readonly personas?: readonly PersonaInput[] })[];
}

type Texts = Readonly<Record<Language, string>>;
const t = (en: string, cy: string): Texts => ({ en, cy });

interface Plan {
  readonly id: string;
  readonly title: Texts;
  readonly summary: Texts;
  readonly description: Texts;
  readonly settings: Partial<WorkshopSettings>;
  readonly phases: readonly { readonly id: string; readonly title: Texts }[];
  readonly boards: readonly { readonly id: string; readonly title: Texts }[];
  readonly polls: readonly (Omit<PollInput, 'title' | 'description' | 'id'> & { readonly id: string; readonly title: Texts; readonly description: Texts })[];
  readonly journeys: readonly {
    readonly id: string;
    readonly title: Texts;
    readonly stages: readonly Texts[];
    readonly lanes: readonly { readonly title: Texts; readonly kind: NonNullable<CreateJourneyInput['lanes']>[number]['kind'] }[];
    readonly personas?: readonly { readonly name: Texts; readonly description: Texts; readonly needs: Texts }[];
  }[];
}

const WELCOME = { id: 'welcome', title: t('Welcome', 'Croeso') };
const NEXT_STEPS = { id: 'next-steps', title: t('Next steps', 'Camau nesaf') };

const PLANS: readonly Plan[] = [
  {
    id: 'ideas-and-dot-votes',
    title: t('Ideas and dot votes', 'Syniadau a phleidleisio â dotiau'),
    summary: t(
      'Everyone shares ideas, groups them together, then gives 3 dots to the ideas they like best.',
      'Mae pawb yn rhannu syniadau, yn eu grwpio gyda’i gilydd, ac yna’n rhoi 3 dot i’r syniadau maen nhw’n eu hoffi fwyaf.',
    ),
    description: t(
      'Share your ideas, help group them, then vote for the ones you think matter most.',
      'Rhannwch eich syniadau, helpwch i’w grwpio, ac yna pleidleisiwch dros y rhai sydd bwysicaf yn eich barn chi.',
    ),
    settings: { privateWriting: false, moderation: false, anonymous: false },
    phases: [
      WELCOME,
      { id: 'share-ideas', title: t('Share ideas', 'Rhannu syniadau') },
      { id: 'group', title: t('Group', 'Grwpio') },
      { id: 'vote', title: t('Vote', 'Pleidleisio') },
      { id: 'discuss', title: t('Discuss', 'Trafod') },
      NEXT_STEPS,
    ],
    boards: [{ id: 'ideas', title: t('Ideas', 'Syniadau') }],
    polls: [
      {
        id: 'ideas-vote',
        title: t('Which ideas should we take forward?', 'Pa syniadau ddylen ni eu datblygu?'),
        // What the vote is for, not its rules: the vote element says those itself (in the page's language).
        description: t('Help us decide which ideas to take forward first.', 'Helpwch ni i benderfynu pa syniadau i’w datblygu gyntaf.'),
        method: 'dots',
        options: { board: 'ideas' },
        allowance: 3,
        perOptionCap: 2,
      },
    ],
    journeys: [],
  },
  {
    id: 'service-journey',
    title: t('Service journey', 'Taith gwasanaeth'),
    summary: t(
      'Map how people use a service step by step, find where it goes wrong, then vote on ideas to fix it.',
      'Mapiwch sut mae pobl yn defnyddio gwasanaeth gam wrth gam, darganfyddwch ble mae’n mynd o’i le, ac yna pleidleisiwch ar syniadau i’w wella.',
    ),
    description: t(
      'Tell us what using the service is like, step by step: what you do, how it feels and what goes wrong.',
      'Dywedwch wrthym sut brofiad yw defnyddio’r gwasanaeth, gam wrth gam: beth rydych chi’n ei wneud, sut mae’n teimlo a beth sy’n mynd o’i le.',
    ),
    settings: { privateWriting: false, moderation: false, anonymous: true },
    phases: [
      WELCOME,
      { id: 'map-journey', title: t('Map the journey', 'Mapio’r daith') },
      { id: 'pain-points', title: t('Find what goes wrong', 'Canfod beth sy’n mynd o’i le') },
      { id: 'ideas', title: t('Ideas to fix it', 'Syniadau i’w wella') },
      { id: 'vote', title: t('Vote', 'Pleidleisio') },
      NEXT_STEPS,
    ],
    boards: [{ id: 'fixes', title: t('Ideas to fix what goes wrong', 'Syniadau i wella beth sy’n mynd o’i le') }],
    polls: [
      {
        id: 'fixes-vote',
        title: t('Which fixes matter most?', 'Pa welliannau sydd bwysicaf?'),
        description: t('Help us decide which fixes to work on first.', 'Helpwch ni i benderfynu pa welliannau i weithio arnyn nhw gyntaf.'),
        method: 'dots',
        options: { board: 'fixes' },
        allowance: 3,
        perOptionCap: 3,
      },
    ],
    journeys: [
      {
        id: 'journey',
        title: t('Using the service', 'Defnyddio’r gwasanaeth'),
        stages: [
          t('Finding out about it', 'Dod i wybod amdano'),
          t('Getting in touch', 'Cysylltu'),
          t('Waiting', 'Aros'),
          t('Getting help', 'Cael help'),
          t('Afterwards', 'Wedyn'),
        ],
        lanes: [
          { title: t('What people do', 'Beth mae pobl yn ei wneud'), kind: 'actions' },
          { title: t('How they contact us', 'Sut maen nhw’n cysylltu â ni'), kind: 'touchpoints' },
          { title: t('How it feels', 'Sut mae’n teimlo'), kind: 'feelings' },
          { title: t('What goes wrong', 'Beth sy’n mynd o’i le'), kind: 'painPoints' },
          { title: t('What could be better', 'Beth allai fod yn well'), kind: 'opportunities' },
        ],
      },
    ],
  },
  {
    id: 'participatory-budget',
    title: t('Participatory budget', 'Cyllidebu cyfranogol'),
    summary: t(
      'Residents put forward proposals, ask questions about them, then share out a budget between them.',
      'Mae trigolion yn cyflwyno cynigion, yn gofyn cwestiynau amdanynt, ac yna’n rhannu cyllideb rhyngddynt.',
    ),
    description: t(
      'Put forward how the money should be spent, then share out the budget between the proposals you support.',
      'Cynigiwch sut y dylid gwario’r arian, ac yna rhannwch y gyllideb rhwng y cynigion rydych chi’n eu cefnogi.',
    ),
    settings: { privateWriting: false, moderation: true, anonymous: false },
    phases: [
      WELCOME,
      { id: 'proposals', title: t('Put forward proposals', 'Cyflwyno cynigion') },
      { id: 'questions', title: t('Ask questions', 'Gofyn cwestiynau') },
      { id: 'allocate', title: t('Share out the budget', 'Rhannu’r gyllideb') },
      { id: 'results', title: t('Results', 'Canlyniadau') },
    ],
    boards: [{ id: 'proposals', title: t('Proposals', 'Cynigion') }],
    polls: [
      {
        id: 'budget',
        title: t('Share out 100 points between the proposals', 'Rhannwch 100 pwynt rhwng y cynigion'),
        description: t(
          'Each point is an equal share of the money. Give more points to the proposals that matter most to you.',
          'Mae pob pwynt yn gyfran gyfartal o’r arian. Rhowch fwy o bwyntiau i’r cynigion sydd bwysicaf i chi.',
        ),
        method: 'budget',
        options: { board: 'proposals' },
        budget: 100,
        anonymous: true,
      },
    ],
    journeys: [],
  },
];

/** Ids of the built-in templates. */
export const TEMPLATE_IDS: readonly string[] = /*#__PURE__*/ Object.freeze(/*#__PURE__*/ PLANS.map((p) => p.id));

function build(plan: Plan, language: Language): WorkshopTemplate {
  const pick = (texts: Texts): string => texts[language];
  return Object.freeze({
    id: plan.id,
    language,
    title: pick(plan.title),
    summary: pick(plan.summary),
    description: pick(plan.description),
    settings: Object.freeze({ ...plan.settings }),
    phases: Object.freeze(plan.phases.map((p) => Object.freeze({ id: p.id, title: pick(p.title) }))),
    boards: Object.freeze(plan.boards.map((b) => Object.freeze({ id: b.id, title: pick(b.title) }))),
    polls: Object.freeze(plan.polls.map(({ title, description, ...rest }) => Object.freeze({ ...rest, title: pick(title), description: pick(description) }))),
    journeys: Object.freeze(plan.journeys.map((j) => Object.freeze({
      id: j.id,
      title: pick(j.title),
      stages: Object.freeze(j.stages.map(pick)),
      lanes: Object.freeze(j.lanes.map((l) => Object.freeze({ title: pick(l.title), kind: l.kind }))),
      ...(j.personas ? { personas: Object.freeze(j.personas.map((p) => Object.freeze({ name: pick(p.name), description: pick(p.description), needs: pick(p.needs) }))) } : {}),
    }))),
  });
}

/** The built-in templates in a language (default English). */
export function listTemplates(language: Language = 'en'): readonly WorkshopTemplate[] {
  return Object.freeze(PLANS.map((plan) => build(plan, language === 'cy' ? 'cy' : 'en')));
}

/** One built-in template, or `undefined` for an unknown id. */
export function getTemplate(id: string, language: Language = 'en'): WorkshopTemplate | undefined {
  const plan = PLANS.find((p) => p.id === id);
  return plan === undefined ? undefined : build(plan, language === 'cy' ? 'cy' : 'en');
}
