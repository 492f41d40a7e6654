import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../announce';
import { usePrefs } from '../prefs';

/** Split long text: some engines stop reading after ~15 s of one utterance. */
function chunks(text: string, max = 180): string[] {
  const parts = text
    .replace(/\s+/g, ' ')
    .split(/(?<=[。！？；.!?;])\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  let cur = '';
  for (const p of parts) {
    if ((cur + ' ' + p).length > max && cur) {
      out.push(cur);
      cur = p;
    } else cur = cur ? `${cur} ${p}` : p;
  }
  if (cur) out.push(cur);
  return out.flatMap((c) => (c.length <= max * 2 ? [c] : (c.match(new RegExp(`.{1,${max}}`, 'g')) ?? [])));
}

/** "朗读": reads the text of <main> with the browser's speech synthesis. Never starts by itself. */
export function ReadAloud() {
  const { t, i18n } = useTranslation();
  const { prefs } = usePrefs();
  const announce = useAnnounce();
  const [speaking, setSpeaking] = useState(false);
  const supported = typeof window !== 'undefined' && 'speechSynthesis' in window;

  useEffect(
    () => () => {
      if (supported) window.speechSynthesis.cancel();
    },
    [supported],
  );

  if (!supported) {
    return <span className="header-note">{t('header.readAloudUnsupported')}</span>;
  }

  const start = () => {
    const main = document.getElementById('main');
    const text = main?.innerText ?? '';
    const synth = window.speechSynthesis;
    synth.cancel();
    const lang = i18n.language === 'en' ? 'en-US' : 'zh-CN';
    const voice = synth
      .getVoices()
      .find((v) => v.lang.replace('_', '-').startsWith(lang === 'en-US' ? 'en' : 'zh'));
    const list = chunks(text);
    if (list.length === 0) return;
    list.forEach((c, i) => {
      const u = new SpeechSynthesisUtterance(c);
      u.lang = lang;
      u.rate = prefs.readAloudRate;
      if (voice) u.voice = voice;
      if (i === list.length - 1) {
        u.onend = () => setSpeaking(false);
        u.onerror = () => setSpeaking(false);
      }
      synth.speak(u);
    });
    setSpeaking(true);
    announce(t('header.readingStarted'));
  };

  const stop = () => {
    window.speechSynthesis.cancel();
    setSpeaking(false);
    announce(t('header.readingStopped'));
  };

  return speaking ? (
    <Button onClick={stop} className="read-aloud">
      {t('header.stopReading')}
    </Button>
  ) : (
    <Button onClick={start} className="read-aloud" aria-label={t('header.readAloudLabel')}>
      {t('header.readAloud')}
    </Button>
  );
}
