'use client';
/**
 * Jumping from a finding to the question that answers it ("what would change this", "next: ask …"), even when the
 * question sits in a block of the form that is closed.
 *
 * Why a context: the links live in the decision panel and the differential, the blocks' open state in the form;
 * the workspace owns both and hands the form's `reveal` to every link without threading it through each component.
 */
import { createContext, useContext, type MouseEvent, type ReactNode } from 'react';
import { questionAnchor } from './question-ids';

export interface FormNavigation {
  /** Opens the question's block, scrolls it into view and moves focus to it. */
  readonly reveal: (path: string) => void;
}

const NavigationContext = createContext<FormNavigation>({ reveal: () => undefined });

export const FormNavigationProvider = NavigationContext.Provider;

export function useFormNavigation(): FormNavigation {
  return useContext(NavigationContext);
}

/** A link to a question of the form; falls back to plain text for a path the form does not ask. */
export function QuestionLink({
  path,
  children,
  className,
}: {
  path: string;
  children: ReactNode;
  className?: string | undefined;
}) {
  const { reveal } = useFormNavigation();
  const anchor = questionAnchor(path);
  if (!anchor) return <>{children}</>;
  return (
    <a
      href={`#${anchor}`}
      className={className ?? 'question-link'}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        reveal(path);
      }}
    >
      {children}
    </a>
  );
}
