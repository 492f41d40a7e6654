import { Button } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { streetName } from '../../labels';
import { categoryName, disabilityText, gradeName } from '../../registry';
import type { Certificate, DuplicateCandidate, Guardian, StreetOut } from '../../types';

/** A person's certificates, newest first; superseded ones greyed. */
export function CertificatesTable({ items }: { items: readonly Certificate[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = { items };
  return data.items.length === 0 ? (
    <p>{t('personDetail.noCerts')}</p>
  ) : (
    <TableScroll label={t('personDetail.certificates')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('personDetail.certNumber')}</th>
            <th scope="col">{t('personDetail.certCategory')}</th>
            <th scope="col">{t('personDetail.certGrade')}</th>
            <th scope="col">{t('personDetail.certIssuedAt')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('personDetail.certReason')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((c) => (
            <tr key={c.id} className={c.status === 'active' ? undefined : 'row-old'}>
              <td className="nowrap">{c.number}</td>
              <td>
                {categoryName(t, c.category)}
                {c.disabilities.length > 0 &&
                  ` (${c.disabilities.map((d) => disabilityText(t, d.category, d.grade)).join(lang === 'en' ? ', ' : '、')})`}
              </td>
              <td>{gradeName(t, c.grade)}</td>
              <td className="nowrap">{c.issuedAt}</td>
              <td>
                <span className={c.status === 'active' ? 'tag tag-ok' : 'tag'}>
                  {t(`registry.certStatus.${c.status}`)}
                </span>
              </td>
              <td>{c.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function GuardiansTable({
  items,
  canWrite,
  onRemove,
}: {
  items: readonly Guardian[];
  canWrite: boolean;
  onRemove: (g: Guardian) => void;
}) {
  const { t } = useTranslation();
  const data = { items };
  return data.items.length === 0 ? (
    <p>{t('personDetail.noGuardians')}</p>
  ) : (
    <TableScroll label={t('personDetail.guardians')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('personDetail.guardianName')}</th>
            <th scope="col">{t('personDetail.relationship')}</th>
            <th scope="col">{t('personDetail.phone')}</th>
            <th scope="col">{t('personDetail.primary')}</th>
            {canWrite && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {data.items.map((g) => (
            <tr key={g.id}>
              <th scope="row">{g.name}</th>
              <td>{t(`registry.relation.${g.relationship}`)}</td>
              <td className="nowrap">{g.phone ?? ''}</td>
              <td>{g.isPrimary ? t('common.yes') : t('common.no')}</td>
              {canWrite && (
                <td>
                  <Button
                    size="small"
                    danger
                    aria-label={t('personDetail.removeFor', { name: g.name })}
                    onClick={() => onRemove(g)}
                  >
                    {t('personDetail.remove')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function DuplicatesTable({
  items,
  areas,
  canMerge,
  onMerge,
}: {
  items: readonly DuplicateCandidate[];
  areas: readonly StreetOut[] | undefined;
  canMerge: boolean;
  onMerge: (d: DuplicateCandidate) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = { items };
  return data.items.length === 0 ? (
    <p>{t('personDetail.noDuplicates')}</p>
  ) : (
    <TableScroll label={t('personDetail.duplicates')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('persons.name')}</th>
            <th scope="col">{t('personDetail.birthDate')}</th>
            <th scope="col">{t('personDetail.street')}</th>
            <th scope="col">{t('personDetail.dupReasonCol')}</th>
            {canMerge && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {data.items.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={`/persons/${d.id}`}>{d.name}</Link>
              </th>
              <td className="nowrap">{d.birthDate}</td>
              <td>{streetName(lang, d.streetCode, areas)}</td>
              <td>{t(`personDetail.dupReason.${d.reason}`)}</td>
              {canMerge && (
                <td>
                  <Button
                    size="small"
                    aria-label={t('personDetail.mergeFor', { name: d.name })}
                    onClick={() => onMerge(d)}
                  >
                    {t('personDetail.merge')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
