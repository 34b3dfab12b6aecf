import { useTranslation } from 'react-i18next';
import type { RiskLevel, Sensitivity } from '@/lib/types';

const URGENT: readonly RiskLevel[] = ['high', 'very_high'];

/** Risk as an icon and a word; high and very high use the one urgency colour. */
export function RiskTag({ level }: { level: RiskLevel }) {
  const { t } = useTranslation();
  const urgent = URGENT.includes(level);
  return (
    <span className={`tag tag--risk ${urgent ? 'tag--urgent' : 'tag--neutral'}`}>
      <span aria-hidden="true">{urgent ? '⚠ ' : '● '}</span>
      {t('cases.riskLabel', { level: t(`risk.${level}`) })}
    </span>
  );
}

/** Who may read an entry, in words: "Health: nurses only". */
export function SensitivityMark({ sensitivity }: { sensitivity: Sensitivity }) {
  const { t } = useTranslation();
  return (
    <span className={`tag tag--sensitivity tag--sens-${sensitivity}`}>
      <span aria-hidden="true">{sensitivity === 'general' ? '● ' : '◆ '}</span>
      {t(`sensitivityMark.${sensitivity}`)}
    </span>
  );
}
