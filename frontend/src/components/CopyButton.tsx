import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from './Status';

/** Copies a secret (temporary password, recovery codes) to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          announce(t('common.copied'));
          window.setTimeout(() => setCopied(false), 3000);
        } catch {
          announce(t('common.copyFailed'));
        }
      }}
    >
      {copied ? t('common.copied') : label ?? t('common.copy')}
    </button>
  );
}
