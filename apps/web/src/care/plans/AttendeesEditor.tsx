/**
 * Who took part: volunteers and staff picked from searchable lists, guests typed by name; each
 * chosen attendee has a "present" checkbox (ticked by default) and a remove button. Keyboard-only.
 */
import { useState } from 'react';
import { Button, Checkbox, Input, Select } from 'antd';
import { useAnnounce } from '../../announce';
import { usePT } from './i18n';
import type { Meeting } from './model';
import type { Option } from './pickers';

export interface AttendeeDraft {
  volunteerId?: string;
  userId?: string;
  name: string;
  kind: Meeting['attendees'][number]['kind'];
  present: boolean;
}

export function attendeesOf(m: Meeting | null): AttendeeDraft[] {
  return (m?.attendees ?? []).map((a) => ({
    ...(a.volunteerId ? { volunteerId: a.volunteerId } : {}),
    ...(a.userId ? { userId: a.userId } : {}),
    name: a.name,
    kind: a.kind,
    present: a.present,
  }));
}

export function AttendeesEditor({
  value,
  onChange,
  volunteers,
  staff,
}: {
  value: AttendeeDraft[];
  onChange: (next: AttendeeDraft[]) => void;
  volunteers: Option[];
  staff: Option[];
}) {
  const { t } = usePT();
  const announce = useAnnounce();
  const [guest, setGuest] = useState('');
  const sync = (kind: 'volunteer' | 'staff', ids: string[], options: Option[]) => {
    const idOf = (a: AttendeeDraft) => (kind === 'volunteer' ? a.volunteerId : a.userId);
    const kept = value.filter((a) => a.kind !== kind || ids.includes(idOf(a)!));
    const have = new Set(kept.filter((a) => a.kind === kind).map(idOf));
    const added = ids
      .filter((id) => !have.has(id))
      .map((id): AttendeeDraft => ({
        ...(kind === 'volunteer' ? { volunteerId: id } : { userId: id }),
        name: options.find((o) => o.value === id)?.label ?? id,
        kind,
        present: true,
      }));
    onChange([...kept, ...added]);
  };
  const addGuest = () => {
    const name = guest.trim();
    if (!name) return;
    onChange([...value, { name, kind: 'guest', present: true }]);
    setGuest('');
    announce(t('meetingForm.guestAdded', { name }));
  };
  const withCurrent = (options: Option[], kind: 'volunteer' | 'staff') => [
    ...options,
    ...value
      .filter((a) => a.kind === kind)
      .filter((a) => !options.some((o) => o.value === (a.volunteerId ?? a.userId)))
      .map((a) => ({ value: (a.volunteerId ?? a.userId)!, label: a.name })),
  ];
  return (
    <fieldset className="fieldset">
      <legend>{t('meetingForm.attendeesLegend')}</legend>
      <div className="plans-field">
        <label htmlFor="attendees-volunteers" id="attendees-volunteers-label">
          {t('meetingForm.volunteers')}
        </label>
        <Select<string[]>
          id="attendees-volunteers"
          aria-labelledby="attendees-volunteers-label"
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={withCurrent(volunteers, 'volunteer')}
          value={value.filter((a) => a.kind === 'volunteer').map((a) => a.volunteerId!)}
          onChange={(ids) => sync('volunteer', ids, volunteers)}
        />
      </div>
      <div className="plans-field">
        <label htmlFor="attendees-staff" id="attendees-staff-label">
          {t('meetingForm.staff')}
        </label>
        <Select<string[]>
          id="attendees-staff"
          aria-labelledby="attendees-staff-label"
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={withCurrent(staff, 'staff')}
          value={value.filter((a) => a.kind === 'staff').map((a) => a.userId!)}
          onChange={(ids) => sync('staff', ids, staff)}
        />
      </div>
      <div className="plans-field">
        <label htmlFor="attendees-guest">{t('meetingForm.guestName')}</label>
        <div className="plans-row">
          <Input
            id="attendees-guest"
            autoComplete="off"
            maxLength={50}
            value={guest}
            onChange={(e) => setGuest(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault();
              addGuest();
            }}
            style={{ maxWidth: 240 }}
          />
          <Button onClick={addGuest}>{t('meetingForm.addGuest')}</Button>
        </div>
      </div>
      <h3 id="attendee-list">{t('meetingForm.attendeeList')}</h3>
      {value.length === 0 ? (
        <p className="muted">{t('meetingForm.noAttendees')}</p>
      ) : (
        <ul className="plans-attendees" aria-labelledby="attendee-list">
          {value.map((a, i) => (
            <li key={`${a.kind}-${a.volunteerId ?? a.userId ?? a.name}-${i}`}>
              <Checkbox
                checked={a.present}
                onChange={(e) =>
                  onChange(value.map((x, k) => (k === i ? { ...x, present: e.target.checked } : x)))
                }
              >
                {t('meetingForm.presentLabel', { name: a.name, kind: t(`attendeeKind.${a.kind}`) })}
              </Checkbox>
              <Button
                size="small"
                aria-label={t('meetingForm.removeAttendee', { name: a.name })}
                onClick={() => {
                  onChange(value.filter((_, k) => k !== i));
                  window.setTimeout(() => document.getElementById('attendees-guest')?.focus());
                }}
              >
                {t('meetingForm.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
