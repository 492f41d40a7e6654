import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from './PageTitle';

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('errors.forbiddenTitle')} />
      <p>{t('errors.forbiddenBody')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
