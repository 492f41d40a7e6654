/**
 * A project's ordered stages, each with a key, a name and its tasks with their standards (项目标准).
 * Keyboard-only: labelled text boxes and buttons to add, remove and move stages and tasks (no
 * dragging); after a move or removal focus goes to a control that still exists; problems are shown
 * under the field they concern and named in the form's summary.
 */
import { Button, Input } from 'antd';
import { useAnnounce } from '../../announce';
import { usePT } from './i18n';
import { move, nextStageKey, type StageDraft, type StageProblem } from './model';

export const stageFieldId = (i: number, field: 'key' | 'name') => `stage-${i}-${field}`;
export const taskFieldId = (i: number, j: number, field: 'task' | 'standard') =>
  `stage-${i}-task-${j}-${field}`;
export const ADD_STAGE_ID = 'stage-add';
const upId = (i: number) => `stage-${i}-up`;
const downId = (i: number) => `stage-${i}-down`;
const addTaskId = (i: number) => `stage-${i}-add-task`;

function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus());
}

export function useStageMessage() {
  const { t } = usePT();
  return (p: StageProblem) =>
    p.code === 'needStage'
      ? t('projectForm.needStage')
      : p.code === 'taskRequired'
        ? t('projectForm.taskRequired', { stage: p.stage + 1, n: p.task + 1 })
        : t(`projectForm.${p.code}`, { n: p.stage + 1 });
}

/** Where a problem points. */
export function problemFieldId(p: StageProblem): string {
  if (p.code === 'needStage') return ADD_STAGE_ID;
  if (p.code === 'taskRequired') return taskFieldId(p.stage, p.task, 'task');
  return stageFieldId(p.stage, p.code === 'nameRequired' ? 'name' : 'key');
}

export function StageEditor({
  stages,
  problems,
  onChange,
}: {
  stages: StageDraft[];
  problems: readonly StageProblem[];
  onChange: (next: StageDraft[]) => void;
}) {
  const { t } = usePT();
  const announce = useAnnounce();
  const message = useStageMessage();
  const at = (id: string) => problems.filter((p) => problemFieldId(p) === id);
  const set = (i: number, patch: Partial<StageDraft>) =>
    onChange(stages.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const setTask = (i: number, j: number, patch: Partial<StageDraft['tasks'][number]>) =>
    set(i, { tasks: stages[i]!.tasks.map((x, k) => (k === j ? { ...x, ...patch } : x)) });

  const field = (id: string, label: string, value: string, onValue: (v: string) => void, max: number) => {
    const errs = at(id);
    return (
      <div className="plans-field">
        <label htmlFor={id}>{label}</label>
        <Input
          id={id}
          autoComplete="off"
          maxLength={max}
          value={value}
          aria-invalid={errs.length > 0 || undefined}
          aria-describedby={errs.length ? `${id}-error` : undefined}
          onChange={(e) => onValue(e.target.value)}
        />
        {errs.length > 0 && (
          <div id={`${id}-error`} className="plans-field-error">
            {errs.map(message).join(' ')}
          </div>
        )}
      </div>
    );
  };

  return (
    <fieldset className="fieldset">
      <legend>{t('projectForm.stagesLegend')}</legend>
      <p className="help-text">{t('projectForm.stagesHelp')}</p>
      <ol className="plans-stage-list">
        {stages.map((s, i) => {
          const n = i + 1;
          return (
            <li key={i} className="plans-stage-edit">
              <fieldset className="fieldset">
                <legend>{t('projectForm.stageN', { n })}</legend>
                <div className="plans-row">
                  {field(
                    stageFieldId(i, 'key'),
                    t('projectForm.stageKey'),
                    s.key,
                    (v) => set(i, { key: v }),
                    40,
                  )}
                  {field(
                    stageFieldId(i, 'name'),
                    t('projectForm.stageName'),
                    s.name,
                    (v) => set(i, { name: v }),
                    100,
                  )}
                </div>
                <ol className="plans-task-list">
                  {s.tasks.map((task, j) => (
                    <li key={j}>
                      <fieldset className="fieldset">
                        <legend>{t('projectForm.taskN', { n: j + 1 })}</legend>
                        {field(
                          taskFieldId(i, j, 'task'),
                          t('projectForm.task'),
                          task.task,
                          (v) => setTask(i, j, { task: v }),
                          200,
                        )}
                        {field(
                          taskFieldId(i, j, 'standard'),
                          t('projectForm.standard'),
                          task.standard,
                          (v) => setTask(i, j, { standard: v }),
                          1000,
                        )}
                        <Button
                          size="small"
                          aria-label={t('projectForm.removeTask', { stage: n, n: j + 1 })}
                          onClick={() => {
                            set(i, { tasks: s.tasks.filter((_, k) => k !== j) });
                            focusSoon(j > 0 ? taskFieldId(i, j - 1, 'task') : addTaskId(i));
                          }}
                        >
                          {t('projectForm.remove')}
                        </Button>
                      </fieldset>
                    </li>
                  ))}
                </ol>
                <div className="toolbar">
                  <Button
                    id={addTaskId(i)}
                    size="small"
                    aria-label={t('projectForm.addTask', { n })}
                    onClick={() => {
                      set(i, { tasks: [...s.tasks, { task: '', standard: '' }] });
                      focusSoon(taskFieldId(i, s.tasks.length, 'task'));
                    }}
                  >
                    {t('projectForm.addTaskShort')}
                  </Button>
                  <Button
                    id={upId(i)}
                    size="small"
                    disabled={i === 0}
                    aria-label={t('projectForm.moveUp', { n })}
                    onClick={() => {
                      onChange(move(stages, i, -1));
                      announce(t('projectForm.moved', { n: i }));
                      // The stage is now at i - 1: its own button if still enabled, else its other move button.
                      focusSoon(i - 1 === 0 ? downId(0) : upId(i - 1));
                    }}
                  >
                    {t('projectForm.up')}
                  </Button>
                  <Button
                    id={downId(i)}
                    size="small"
                    disabled={i === stages.length - 1}
                    aria-label={t('projectForm.moveDown', { n })}
                    onClick={() => {
                      onChange(move(stages, i, 1));
                      announce(t('projectForm.moved', { n: i + 2 }));
                      focusSoon(i + 1 === stages.length - 1 ? upId(i + 1) : downId(i + 1));
                    }}
                  >
                    {t('projectForm.down')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    aria-label={t('projectForm.removeStage', { n })}
                    onClick={() => {
                      onChange(stages.filter((_, k) => k !== i));
                      focusSoon(i > 0 ? stageFieldId(i - 1, 'key') : ADD_STAGE_ID);
                    }}
                  >
                    {t('projectForm.remove')}
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button
        id={ADD_STAGE_ID}
        aria-describedby={at(ADD_STAGE_ID).length ? `${ADD_STAGE_ID}-error` : undefined}
        onClick={() => {
          onChange([...stages, { key: nextStageKey(stages), name: '', tasks: [] }]);
          focusSoon(stageFieldId(stages.length, 'name'));
        }}
      >
        {t('projectForm.addStage')}
      </Button>
      {at(ADD_STAGE_ID).length > 0 && (
        <div id={`${ADD_STAGE_ID}-error`} className="plans-field-error">
          {t('projectForm.needStage')}
        </div>
      )}
    </fieldset>
  );
}
