import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { AnnouncerProvider } from './announce';
import { PrefsProvider, usePrefs } from './prefs';
import { router } from './router';
import { careTheme, normalTheme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 },
  },
});

function Themed() {
  const { prefs } = usePrefs();
  return (
    <ConfigProvider
      locale={prefs.language === 'en' ? enUS : zhCN}
      theme={prefs.careMode ? careTheme : normalTheme}
      wave={{ disabled: prefs.careMode }}
      // "登录", not "登 录": keeps accessible names equal to the words (and to e2e selectors).
      button={{ autoInsertSpace: false }}
    >
      <AnnouncerProvider>
        <RouterProvider router={router} />
      </AnnouncerProvider>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <PrefsProvider>
        <Themed />
      </PrefsProvider>
    </QueryClientProvider>
  );
}
