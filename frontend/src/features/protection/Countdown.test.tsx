import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { Countdown, formatSpan } from './Countdown';

const NOW = new Date('2026-11-24T10:00:00Z');
const plus = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const H = 3_600_000;
const MIN = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  void i18n.changeLanguage('en');
});
afterEach(() => vi.useRealTimers());

describe('Countdown', () => {
  it('says how long is left in words, with the time itself, and counts down every minute', () => {
    render(<Countdown kind="expires" at={plus(31 * H + 20 * MIN)} from={plus(-17 * H)} />);
    expect(screen.getByText('Expires in 31 h 20 min')).toBeInTheDocument();
    // The time itself, in Belgrade time: 10:00 UTC + 31 h 20 min = 17:20 UTC = 18:20 in Belgrade.
    expect(screen.getByText('Wednesday 25 November, 18:20')).toHaveAttribute('datetime', plus(31 * H + 20 * MIN));
    act(() => void vi.advanceTimersByTime(MIN));
    expect(screen.getByText('Expires in 31 h 19 min')).toBeInTheDocument();
    act(() => void vi.advanceTimersByTime(19 * MIN));
    expect(screen.getByText('Expires in 31 h 0 min')).toBeInTheDocument();
  });

  it('flags a deadline under a day with an icon and a word, not colour alone', () => {
    const { container } = render(<Countdown kind="proposal" at={plus(5 * H + 3 * MIN)} />);
    expect(screen.getByText("Prosecutor's proposal to extend due in 5 h 3 min")).toBeInTheDocument();
    expect(screen.getByText(/Less than a day/)).toBeInTheDocument();
    expect(container.querySelector('.countdown--soon')).not.toBeNull();
    expect(container.textContent).toContain('⚠');
  });

  it('turns into "late" once a duty is past its deadline, and moves on by itself', () => {
    render(<Countdown kind="decision" at={plus(2 * MIN)} />);
    expect(screen.getByText("Court's decision due in 2 min")).toBeInTheDocument();
    act(() => void vi.advanceTimersByTime(5 * MIN));
    expect(screen.getByText("Court's decision 3 min late")).toBeInTheDocument();
    expect(screen.getByText(/Late/)).toBeInTheDocument();
  });

  it('tells an expiry in the past calmly: it ended, nobody is late', () => {
    const { container } = render(<Countdown kind="expires" at={plus(-2 * H - 5 * MIN)} />);
    expect(screen.getByText('Expired 2 h 5 min ago')).toBeInTheDocument();
    expect(container.querySelector('.countdown--ended')).not.toBeNull();
    expect(container.textContent).not.toContain('⚠');
  });

  it('counts long spans in days and hours, in Serbian too', async () => {
    const t = i18n.getFixedT('en');
    expect(formatSpan(29 * 24 * H + 23 * H + 59 * MIN, t)).toBe('29 days 23 h');
    expect(formatSpan(47 * H + 59 * MIN, t)).toBe('47 h 59 min');
    expect(formatSpan(48 * H, t)).toBe('2 days');
    expect(formatSpan(59 * 1000, t)).toBe('0 min');
    const sr = i18n.getFixedT('sr-Latn');
    expect(formatSpan(3 * 24 * H + 2 * H, sr)).toBe('3 dana 2 h');
    await act(async () => void (await i18n.changeLanguage('sr-Latn')));
    render(<Countdown kind="expires" at={plus(29 * H + 1 * MIN)} />);
    expect(screen.getByText('Ističe za 29 h 1 min')).toBeInTheDocument();
    await act(async () => void (await i18n.changeLanguage('en')));
  });
});
