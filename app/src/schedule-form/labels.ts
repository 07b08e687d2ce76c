/** The schedule form's fields in words, and where each field's error links to. */

const LABELS: Record<string, string> = {
  actors: 'Actors',
  horizonStart: 'Planning horizon start',
  horizonEnd: 'Planning horizon end',
  timeZone: 'Time zone',
  slotMinutes: 'Slot length',
  bufferBefore: 'Buffer before',
  bufferAfter: 'Buffer after',
  plan: 'Slots',
  'rules.noticeHours': 'Minimum notice',
  'rules.advanceDays': 'Booking window',
  'rules.dailyLimit': 'Daily limit',
  'rules.weeklyLimit': 'Weekly limit',
  'rules.cutoffHours': 'Change cut-off',
  'rules.capacity': 'Patients per slot',
};

/** The field an error is about, in the form's words: 'Weekly hours 2, to'. */
export function fieldLabel(field: string): string {
  if (LABELS[field]) {
    return LABELS[field];
  }
  const [group, index, part] = field.split('.');
  if (group === 'visitTypes') {
    const what = { service: 'which', minutes: 'length', before: 'buffer before', after: 'buffer after' }[part ?? ''];
    return `Visit type ${Number(index) + 1}, ${what ?? part}`;
  }
  if (group === 'hours' || group === 'closed') {
    const what = { days: 'days', start: 'from', end: 'to' }[part ?? ''] ?? '';
    return `${group === 'hours' ? 'Weekly hours' : 'Closed period'} ${Number(index) + 1}, ${what}`;
  }
  return LABELS[field] ?? field;
}

/** Where a field's error links to in the summary. */
export function targetOf(field: string): string {
  return `field-${field}`;
}
