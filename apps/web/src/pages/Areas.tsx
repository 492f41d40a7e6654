import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { useAreas } from '../queries';

export default function Areas() {
  const { t, i18n } = useTranslation();
  const areas = useAreas();
  const en = i18n.language === 'en';

  return (
    <>
      <PageTitle title={t('areas.title')} />
      {areas.isPending ? (
        <Loading />
      ) : areas.error ? (
        <ErrorSummary
          items={[{ message: isApiError(areas.error) ? areas.error.detail : t('errors.network') }]}
        />
      ) : (
        <>
          <p>
            {t('areas.summary', { streets: areas.data.items.length, communities: areas.data.communityCount })}
          </p>
          <ul className="street-list">
            {areas.data.items.map((s) => (
              <li key={s.code}>
                <details>
                  <summary>
                    <span lang={en ? 'en' : 'zh-CN'}>{en ? s.nameEn : s.name}</span>
                    {en && (
                      <span lang="zh-CN" className="muted">
                        {' '}
                        {s.name}
                      </span>
                    )}{' '}
                    <span className="muted">
                      ({s.kind === 'town' ? t('areas.town') : t('areas.street')},{' '}
                      {t('areas.communities', { count: s.communities.length })})
                    </span>
                  </summary>
                  {s.statCode && <p className="muted">{t('areas.statCode', { code: s.statCode })}</p>}
                  {s.communities.length === 0 ? (
                    <p>{t('areas.noCommunities')}</p>
                  ) : (
                    <ul className="community-list" lang="zh-CN">
                      {s.communities.map((c) => (
                        <li key={c.id}>{c.name}</li>
                      ))}
                    </ul>
                  )}
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
