import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';
import { useMe } from '../session';

export default function NotFound() {
  const { t } = useTranslation();
  const { data: user } = useMe(false);
  return (
    <>
      <PageTitle title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <p>
        {user ? <Link to="/">{t('notFound.home')}</Link> : <Link to="/login">{t('notFound.login')}</Link>}
      </p>
    </>
  );
}
