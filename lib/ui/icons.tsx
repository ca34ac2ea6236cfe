/**
 * Inline SVG icons (no icon font, no CDN: strict CSP). Always decorative: every icon sits next to words that
 * carry the same meaning, so they are hidden from assistive technology.
 */
import type { Urgency } from '../engine/assessment';

const common = {
  width: 18,
  height: 18,
  viewBox: '0 0 24 24',
  'aria-hidden': true,
  focusable: false,
  className: 'icon',
} as const;

export function UrgencyIcon({ urgency }: { urgency: Urgency }) {
  if (urgency === 'emergency') {
    // Octagon with an exclamation mark: "stop".
    return (
      <svg {...common}>
        <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" fill="currentColor" />
        <path d="M12 6.5v7" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
        <circle cx="12" cy="17.2" r="1.4" fill="#fff" />
      </svg>
    );
  }
  if (urgency === 'urgent') {
    // Triangle: "warning".
    return (
      <svg {...common}>
        <path d="M12 2.5 23 21.5H1z" fill="currentColor" />
        <path d="M12 9v6" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
        <circle cx="12" cy="18.2" r="1.3" fill="#fff" />
      </svg>
    );
  }
  // Clock: "soon".
  return (
    <svg {...common}>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M12 6.5V12l4 2.5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" fill="none" />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg {...common}>
      <path d="M4 12.5 9.5 18 20 6.5" stroke="currentColor" strokeWidth="2.6" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function InfoIcon() {
  return (
    <svg {...common}>
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 10.5V17" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="12" cy="7.2" r="1.3" fill="currentColor" />
    </svg>
  );
}

export function AlertIcon() {
  return (
    <svg {...common}>
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 6.5V13" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="12" cy="17" r="1.3" fill="currentColor" />
    </svg>
  );
}
