import { createContext, useContext } from 'react';
import type { Model, Scenario, Trace } from '../../core';
import type { Scales } from '../colors';
import type { Layout } from '../layout';

export interface DiagramContextValue {
  layout: Layout;
  scales: Scales;
  model: Model;
  trace: Trace;
  /** For the character labels of the column headers. */
  scenario: Scenario;
}

export const DiagramContext = createContext<DiagramContextValue | null>(null);

export function useDiagram(): DiagramContextValue {
  const v = useContext(DiagramContext);
  if (!v) throw new Error('useDiagram outside <DiagramContext>');
  return v;
}
