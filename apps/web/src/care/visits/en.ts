/** Care visits pages, English (every key of zh-CN.ts). */
import type { CareVisitsMessages } from './zh-CN';

const en: CareVisitsMessages = {
  none: 'None',
  loadFailed: 'Could not load. Please try again later.',
  mode: { home: 'Home visit', phone: 'Phone', video: 'Video', elsewhere: 'Elsewhere' },
  state: { planned: 'Planned', done: 'Done', missed: 'Missed', cancelled: 'Cancelled' },
  visit: {
    mode: 'How',
  },
  queue: {
    title: 'My tasks',
    intro: 'What needs you: visits due or overdue come first.',
    visitsTitle: 'My visits',
    summary: '{{count}} due by {{dueBy}}, {{overdue}} of them overdue.',
    pairingsTitle: 'Visits due by a pairing’s plan',
    visitsPlanned: 'Planned visits',
    family: 'Visiting',
    partner: 'Paired with',
    nextVisit: 'Next visit',
    plannedOn: 'Planned for',
    actions: 'Actions',
    record: 'Record visit',
    recordFor: 'Record the visit to {{name}}',
    overdue: '{{count}} days overdue',
    dueOn: 'due {{date}}',
    nonePairings: 'No pairing visits due in the next 7 days.',
    noneVisits: 'No planned visits in the next 7 days.',
    unassigned: 'Pairings in my area with nobody responsible',
    unassignedHelp: 'Nobody is responsible for these pairings yet: name a worker on the pairing.',
  },
};

export default en;
